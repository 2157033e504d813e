package org.cdphub.connector.crm.csv.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The export conventions of one CRM's standard contact export, as a resource {@code presets/<name>.properties} of
 * this bundle: its {@code mapping} (record id, identifiers, traits, opt-out and last-modified columns), its
 * {@code delimiter} and its {@code date.format}. The {@code preset} setting picks one; explicit settings override it.
 *
 * @param delimiter  empty when the preset does not say (then ',')
 * @param dateFormat empty when the export writes ISO-8601 dates
 */
record MappingPreset(String name, String mapping, String delimiter, String dateFormat) {

    /** The presets this bundle carries, for messages and docs. */
    static final List<String> KNOWN = List.of("hubspot", "pipedrive", "salesforce", "zoho");

    /**
     * Loads the preset {@code name}.
     *
     * @throws IllegalArgumentException {@code preset: unknown preset ...} when there is none of that name
     */
    static MappingPreset load(String name) {
        String n = name == null ? "" : name.strip();
        InputStream in = n.matches("[a-z0-9-]+")
                ? MappingPreset.class.getResourceAsStream("/presets/" + n + ".properties") : null;
        if (in == null) {
            throw new IllegalArgumentException("preset: unknown preset '" + n + "' (known: "
                    + String.join(", ", KNOWN) + ")");
        }
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("preset '" + n + "' cannot be read", e);
        }
        return new MappingPreset(n, properties.getProperty("mapping", ""), properties.getProperty("delimiter", ""),
                properties.getProperty("date.format", "").strip());
    }
}
