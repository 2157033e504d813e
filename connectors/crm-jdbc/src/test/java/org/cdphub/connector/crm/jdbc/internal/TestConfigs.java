package org.cdphub.connector.crm.jdbc.internal;

import java.util.HashMap;
import java.util.Map;
import org.cdphub.spi.connector.test.ConfigProxy;

/** Configurations built the way DS builds them: defaults for missing keys, null where there is none. */
final class TestConfigs {

    static final String MAPPING = "email=email, mobile=phone, first_name=trait.firstName, last_name=trait.lastName, "
            + "birth_date=date.birthDate, newsletter=consent.marketing.email";
    static final String ACCOUNTS_MAPPING = "name=trait.company, industry=trait.industry";

    private TestConfigs() {
    }

    /** A valid configuration (not connected to anything). */
    static Map<String, String> valid() {
        Map<String, String> keys = new HashMap<>();
        keys.put("id", "crm-erp");
        keys.put("jdbc.url", "jdbc:postgresql://127.0.0.1:5432/crm");
        keys.put("jdbc.user", "cdphub");
        keys.put("jdbc.password", "cdphub");
        keys.put("mapping", MAPPING);
        keys.put("accounts.mapping", ACCOUNTS_MAPPING);
        return keys;
    }

    static CrmJdbcSettings settings(Map<String, String> keys) {
        return CrmJdbcSettings.from(config(keys));
    }

    /** A {@link CrmJdbcConfig} holding {@code keys} (written as in a .cfg file, e.g. {@code batch.size}). */
    static CrmJdbcConfig config(Map<String, String> keys) {
        return ConfigProxy.of(CrmJdbcConfig.class, keys);
    }
}
