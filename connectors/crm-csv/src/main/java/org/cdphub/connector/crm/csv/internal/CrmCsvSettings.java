package org.cdphub.connector.crm.csv.internal;

import static org.cdphub.spi.connector.support.config.ConfigValues.number;
import static org.cdphub.spi.connector.support.config.ConfigValues.region;
import static org.cdphub.spi.connector.support.config.ConfigValues.trim;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.spi.connector.support.config.ConfigValues;
import org.cdphub.spi.connector.support.config.Problems;

/** Validated settings of one crm-csv instance. */
record CrmCsvSettings(String id, Path inbox, String preset, ColumnMapping mapping, char delimiter, Charset charset,
        String dateFormat, IdentifierNormalizer normalizer, int batchSize, long pollDelayMs) {

    static final int MAX_BATCH = 10_000;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * Checks every key and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each problem as {@code <key>: <what is wrong>}, separated by "; "
     */
    static CrmCsvSettings from(CrmCsvConfig c) {
        Problems problems = new Problems();
        String id = trim(c.id());
        if (id.isEmpty()) {
            problems.add("id: required, e.g. crm-salesforce");
        } else if (!ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        Path inbox = null;
        String inboxText = trim(c.inbox());
        if (inboxText.isEmpty()) {
            problems.add("inbox: required, the folder to watch for *.csv files");
        } else {
            inbox = Path.of(inboxText).toAbsolutePath().normalize();
            if (Files.exists(inbox) && !Files.isDirectory(inbox)) {
                problems.add("inbox: '" + inbox + "' exists but is not a folder");
            }
        }
        boolean presetNamed = !trim(c.preset()).isEmpty();
        MappingPreset preset = presetNamed ? problems.attempt(() -> MappingPreset.load(c.preset())) : null;
        // an unknown preset is reported once, under its own key, not again as a missing mapping
        ColumnMapping mapping = presetNamed && preset == null ? null : problems.attempt(() -> preset == null
                ? ColumnMapping.parse(c.mapping()) : ColumnMapping.withPreset(preset.mapping(), c.mapping()));
        Character delimiter = problems.attempt(() -> delimiter(either(c.delimiter(), preset,
                MappingPreset::delimiter)));
        Charset charset = problems.attempt(() -> ConfigValues.charset(c.charset()));
        String dateFormat = problems.attempt(() -> dateFormat(either(c.date_format(), preset,
                MappingPreset::dateFormat)));
        IdentifierNormalizer normalizer = problems.attempt(() -> region(c.phone_default_region()));
        Long batchSize = problems.attempt(() -> number("batch.size", c.batch_size(), 1, MAX_BATCH));
        Long pollDelay = problems.attempt(() -> number("poll.delay.ms", c.poll_delay_ms(), 10, 3_600_000));
        problems.throwIfAny();
        return new CrmCsvSettings(id, inbox, preset == null ? "" : preset.name(), mapping, delimiter, charset,
                dateFormat, normalizer, batchSize.intValue(), pollDelay);
    }

    /** The settings as {@code cdp:connectors} shows them (nothing here is secret). */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("inbox", inbox.toString());
        if (!preset.isEmpty()) {
            out.put("preset", preset);
        }
        out.put("mapping", mapping.describe());
        out.put("delimiter", delimiter == '\t' ? "\\t" : String.valueOf(delimiter));
        out.put("charset", charset.name());
        if (!dateFormat.isEmpty()) {
            out.put("date.format", dateFormat);
        }
        out.put("phone.default.region", normalizer.defaultRegion());
        out.put("batch.size", Integer.toString(batchSize));
        out.put("poll.delay.ms", Long.toString(pollDelayMs));
        return out;
    }

    /** A reader of files as these settings say. */
    ContactFileReader reader() {
        return new ContactFileReader(new ContactMapper(id, mapping, normalizer, dateFormat), delimiter, charset,
                batchSize);
    }

    /** The explicit value when it is not empty, else the preset's (which may be empty too). */
    private static String either(String explicit, MappingPreset preset, Function<MappingPreset, String> fromPreset) {
        if (explicit != null && !explicit.isEmpty()) {
            return explicit;
        }
        return preset == null ? "" : fromPreset.apply(preset);
    }

    private static String dateFormat(String value) {
        String v = trim(value);
        if (!v.isEmpty()) {
            try {
                DateTimeFormatter.ofPattern(v, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("date.format: invalid pattern '" + v + "': " + e.getMessage()
                        + " (e.g. dd/MM/yyyy HH:mm)");
            }
        }
        return v;
    }

    private static char delimiter(String value) {
        String raw = value == null || value.isEmpty() ? "," : value;
        String v = raw.strip().isEmpty() ? raw : raw.strip();
        if ("\\t".equals(v) || "tab".equalsIgnoreCase(v)) {
            return '\t';
        }
        if (v.length() != 1 || v.charAt(0) == '"' || v.charAt(0) == '\r' || v.charAt(0) == '\n') {
            throw new IllegalArgumentException("delimiter: must be one character other than '\"' and a line break, "
                    + "or \\t for tab, got '" + raw + "'");
        }
        return v.charAt(0);
    }
}
