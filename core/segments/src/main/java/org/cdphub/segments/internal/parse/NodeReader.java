package org.cdphub.segments.internal.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cdphub.segments.api.DefinitionException;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads YAML or JSON text into {@link Node}s with line numbers; rejects duplicate keys and more than one document. */
final class NodeReader {

    /** Deepest nesting of mappings and lists accepted. */
    static final int MAX_DEPTH = 64;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
            .maxStringLength(100_000).maxNumberLength(64).build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions())
            .streamReadConstraints(LIMITS).build();

    private final String file;

    private NodeReader(String file) {
        this.file = file;
    }

    /** JSON for {@code *.json}, YAML otherwise (YAML also reads JSON). */
    static Node read(String file, String text) throws DefinitionException {
        boolean json = file.toLowerCase(Locale.ROOT).endsWith(".json");
        NodeReader reader = new NodeReader(file);
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new DefinitionException(file, 1, "the file is empty");
            }
            Node root = reader.value(parser);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new DefinitionException(file, line(parser.currentTokenLocation()),
                        "one definition per file: found more after the first document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DefinitionException(file, at == null ? 1 : line(at),
                    (json ? "not valid JSON: " : "not valid YAML: ") + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DefinitionException(file, 1, "cannot read: " + e.getMessage(), e);
        }
    }

    private Node value(JsonParser parser) throws IOException, DefinitionException {
        int line = line(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return mapping(parser, line);
            case START_ARRAY:
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser));
                }
                return new Node.Sequence(line, items);
            case VALUE_STRING:
                return new Node.Scalar(line, parser.getText());
            case VALUE_NUMBER_INT:
                return integer(parser, line);
            case VALUE_NUMBER_FLOAT:
                return new Node.Scalar(line, parser.getDecimalValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return bool(parser, line, token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return new Node.Scalar(line, null);
            default:
                throw new DefinitionException(file, line, "unexpected " + token);
        }
    }

    /**
     * Only {@code true} and {@code false} are booleans: YAML 1.1 also reads {@code yes}, {@code no}, {@code on},
     * {@code off}, {@code y} and {@code n} as booleans, which would turn Norway's country code {@code NO} into
     * {@code false}. Those stay texts here.
     */
    private static Node bool(JsonParser parser, int line, boolean value) throws IOException {
        String text = parser.getText();
        if (text == null || text.equalsIgnoreCase(String.valueOf(value))) {
            return new Node.Scalar(line, value);
        }
        return new Node.Scalar(line, text);
    }

    /** A whole number, except that digits with a leading zero ({@code 01234}, a postcode) stay text. */
    private static Node integer(JsonParser parser, int line) throws IOException {
        String text = parser.getText();
        String digits = text == null ? "" : text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (digits.length() > 1 && digits.charAt(0) == '0' && Character.isDigit(digits.charAt(1))) {
            return new Node.Scalar(line, text);
        }
        return new Node.Scalar(line, parser.getNumberValue());
    }

    private Node mapping(JsonParser parser, int line) throws IOException, DefinitionException {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            if (entries.containsKey(key)) {
                throw new DefinitionException(file, keyLine, "duplicate key '" + key + "' (first on line "
                        + entries.get(key).line() + ")");
            }
            parser.nextToken();
            entries.put(key, new Node.Entry(key, keyLine, value(parser)));
        }
        return new Node.Mapping(line, entries);
    }

    private static int line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowDuplicateKeys(true); // reported by this reader with both lines
        options.setCodePointLimit(1_000_000);
        return options;
    }
}
