package org.cdphub.connector.crm.csv.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.spi.connector.test.ConfigProxy;

/** The two shipped mapping presets, and configurations built the way DS builds them (defaults for missing keys). */
final class Presets {

    static final String SALESFORCE = "Id=recordId, FirstName=trait.firstName, LastName=trait.lastName, Email=email, "
            + "MobilePhone=phone, MailingCountry=trait.country, HasOptedOutOfEmail=optout.marketing.email, "
            + "LastModifiedDate=observedAt";

    static final String HUBSPOT = "Record ID=recordId, First Name=trait.firstName, Last Name=trait.lastName, "
            + "Email=email, Phone Number=phone, Country/Region=trait.country, "
            + "Marketing contact status=trait.marketingContactStatus, Last Modified Date=observedAt";

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/crm-csv");

    private Presets() {
    }

    static ContactMapper mapper(String source, String mapping) {
        return new ContactMapper(source, ColumnMapping.parse(mapping), new IdentifierNormalizer("NL"));
    }

    static ContactFileReader reader(String source, String mapping, int batchSize) {
        return new ContactFileReader(mapper(source, mapping), ',', java.nio.charset.StandardCharsets.UTF_8, batchSize);
    }

    /**
     * A {@link CrmCsvConfig} holding {@code keys} (written as in a .cfg file, e.g. {@code batch.size}); a key that is
     * not given has its default, or null when it has none, as DS does.
     */
    static CrmCsvConfig config(Map<String, String> keys) {
        return ConfigProxy.of(CrmCsvConfig.class, keys);
    }

    static Map<String, String> valid(Path inbox) {
        Map<String, String> keys = new HashMap<>();
        keys.put("id", "crm-salesforce");
        keys.put("inbox", inbox.toString());
        keys.put("mapping", SALESFORCE);
        return keys;
    }
}
