package org.cdphub.connector.crm.csv.internal;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;

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
        List<String> problems = new ArrayList<>();
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
        MappingPreset preset = presetNamed ? attempt(problems, () -> MappingPreset.load(c.preset())) : null;
        // an unknown preset is reported once, under its own key, not again as a missing mapping
        ColumnMapping mapping = presetNamed && preset == null ? null : attempt(problems, () -> preset == null
                ? ColumnMapping.parse(c.mapping()) : ColumnMapping.withPreset(preset.mapping(), c.mapping()));
        Character delimiter = attempt(problems, () -> delimiter(either(c.delimiter(), preset,
                MappingPreset::delimiter)));
        Charset charset = attempt(problems, () -> charset(c.charset()));
        String dateFormat = attempt(problems, () -> dateFormat(either(c.date_format(), preset,
                MappingPreset::dateFormat)));
        IdentifierNormalizer normalizer = attempt(problems, () -> region(c.phone_default_region()));
        Long batchSize = attempt(problems, () -> number("batch.size", c.batch_size(), 1, MAX_BATCH));
        Long pollDelay = attempt(problems, () -> number("poll.delay.ms", c.poll_delay_ms(), 10, 3_600_000));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
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

    private static Charset charset(String value) {
        String v = trim(value);
        try {
            return Charset.forName(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("charset: unknown character set '" + v + "', e.g. UTF-8 or windows-1252");
        }
    }

    private static IdentifierNormalizer region(String value) {
        try {
            return new IdentifierNormalizer(trim(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phone.default.region: " + e.getMessage());
        }
    }

    private static long number(String key, String value, long min, long max) {
        String v = trim(value);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private static <T> T attempt(List<String> problems, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
