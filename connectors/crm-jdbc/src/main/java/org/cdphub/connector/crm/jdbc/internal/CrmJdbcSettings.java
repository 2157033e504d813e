package org.cdphub.connector.crm.jdbc.internal;

import static org.cdphub.spi.connector.support.config.ConfigValues.masked;
import static org.cdphub.spi.connector.support.config.ConfigValues.number;
import static org.cdphub.spi.connector.support.config.ConfigValues.region;
import static org.cdphub.spi.connector.support.config.ConfigValues.trim;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.spi.connector.support.config.ConfigValues;
import org.cdphub.spi.connector.support.config.Problems;

/** Validated settings of one crm-jdbc instance. */
record CrmJdbcSettings(String id, String url, String user, String password, Tables tables, ColumnMapping mapping,
        ColumnMapping accountsMapping, ZoneId zone, IdentifierNormalizer normalizer, int batchSize,
        long pollInterval, int retryAttempts, long retryDelayMs, int poolSize, long connectTimeoutMs) {

    static final String MASK = ConfigValues.MASK;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)([^&;]*)");

    /**
     * The names that go into SQL, all checked by {@link SqlNames}.
     *
     * @param deletedColumn  null when rows are deleted for good
     * @param accountsTable  null when no accounts are joined
     */
    record Tables(String contacts, String key, String modified, String deletedColumn, String accountsTable,
            String accountColumn, String accountsKey) {
    }

    /**
     * Checks every key and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each problem as {@code <key>: <what is wrong>}, separated by "; "
     */
    static CrmJdbcSettings from(CrmJdbcConfig c) {
        Problems problems = new Problems();
        String id = trim(c.id());
        if (id.isEmpty()) {
            problems.add("id: required, e.g. crm-erp");
        } else if (!ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String url = problems.attempt(() -> url(c.jdbc_url()));
        Tables tables = problems.attempt(() -> tables(c));
        ColumnMapping mapping = problems.attempt(() -> ColumnMapping.parse("mapping", c.mapping(), false));
        ColumnMapping accounts = problems.attempt(() -> ColumnMapping.parse("accounts.mapping",
                c.accounts_mapping(), true));
        if (tables != null && tables.accountsTable() == null && accounts != null && !accounts.rules().isEmpty()) {
            problems.add("accounts.mapping: needs accounts.table, which is empty");
        }
        if (mapping != null && accounts != null) {
            problems.attempt(() -> noSharedTraits(mapping, accounts));
        }
        ZoneId zone = problems.attempt(() -> zone(c.timezone()));
        IdentifierNormalizer normalizer = problems.attempt(() -> region(c.phone_default_region()));
        Long batchSize = problems.attempt(() -> number("batch.size", c.batch_size(), 1, 10_000));
        Long pollInterval = problems.attempt(() -> number("poll.interval", c.poll_interval(), 100, 86_400_000));
        Long attempts = problems.attempt(() -> number("retry.attempts", c.retry_attempts(), 0, 10));
        Long delay = problems.attempt(() -> number("retry.delay.ms", c.retry_delay_ms(), 1, 600_000));
        Long poolSize = problems.attempt(() -> number("pool.size", c.pool_size(), 1, 20));
        Long timeout = problems.attempt(() -> number("connect.timeout.ms", c.connect_timeout_ms(), 250, 600_000));
        problems.throwIfAny();
        return new CrmJdbcSettings(id, url, trim(c.jdbc_user()), c.jdbc_password() == null ? "" : c.jdbc_password(),
                tables, mapping, accounts, zone, normalizer, batchSize.intValue(), pollInterval, attempts.intValue(),
                delay, poolSize.intValue(), timeout);
    }

    /** The settings as {@code cdp:connectors} shows them: the password (also one inside the URL) masked. */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("jdbc.url", maskUrl(url));
        out.put("jdbc.user", user);
        out.put("jdbc.password", masked(password));
        out.put("contacts.table", tables.contacts());
        out.put("key.column", tables.key());
        out.put("modified.column", tables.modified());
        out.put("deleted.column", tables.deletedColumn() == null ? "" : tables.deletedColumn());
        out.put("mapping", mapping.describe());
        out.put("accounts.table", tables.accountsTable() == null ? "" : tables.accountsTable());
        if (tables.accountsTable() != null) {
            out.put("account.column", tables.accountColumn());
            out.put("accounts.key.column", tables.accountsKey());
            out.put("accounts.mapping", accountsMapping.describe());
        }
        out.put("timezone", zone.getId());
        out.put("phone.default.region", normalizer.defaultRegion());
        out.put("batch.size", Integer.toString(batchSize));
        out.put("poll.interval", Long.toString(pollInterval));
        out.put("retry.attempts", Integer.toString(retryAttempts));
        out.put("retry.delay.ms", Long.toString(retryDelayMs));
        out.put("pool.size", Integer.toString(poolSize));
        out.put("connect.timeout.ms", Long.toString(connectTimeoutMs));
        return out;
    }

    /** {@code text} with the password, and any password written into the URL, replaced by {@value #MASK}. */
    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        if (!password.isEmpty()) {
            out = out.replace(password, MASK);
        }
        Matcher m = URL_PASSWORD.matcher(url);
        while (m.find()) {
            if (!m.group(2).isEmpty()) {
                out = out.replace(m.group(2), MASK);
            }
        }
        return out;
    }

    static String maskUrl(String url) {
        return URL_PASSWORD.matcher(url).replaceAll("$1" + MASK);
    }

    private static String url(String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("jdbc.url: required, e.g. jdbc:postgresql://crm-db:5432/crm");
        }
        if (DriverDataSource.driverClass(v) == null) {
            throw new IllegalArgumentException("jdbc.url: '" + maskUrl(v) + "' is not a URL of a supported database ("
                    + String.join(", ", DriverDataSource.PREFIXES) + ")");
        }
        return v;
    }

    private static Tables tables(CrmJdbcConfig c) {
        Problems problems = new Problems();
        String contacts = problems.attempt(() -> SqlNames.table("contacts.table", c.contacts_table()));
        String key = problems.attempt(() -> SqlNames.column("key.column", c.key_column()));
        String modified = problems.attempt(() -> SqlNames.column("modified.column", c.modified_column()));
        String deleted = blank(c.deleted_column()) ? null
                : problems.attempt(() -> SqlNames.column("deleted.column", c.deleted_column()));
        String accounts = blank(c.accounts_table()) ? null
                : problems.attempt(() -> SqlNames.table("accounts.table", c.accounts_table()));
        String accountColumn = accounts == null ? null
                : problems.attempt(() -> SqlNames.column("account.column", c.account_column()));
        String accountsKey = accounts == null ? null
                : problems.attempt(() -> SqlNames.column("accounts.key.column", c.accounts_key_column()));
        problems.throwIfAny();
        return new Tables(contacts, key, modified, deleted, accounts, accountColumn, accountsKey);
    }

    private static Void noSharedTraits(ColumnMapping contacts, ColumnMapping accounts) {
        Map<String, String> traits = new HashMap<>();
        contacts.rules().stream().filter(r -> r.target().traitName() != null)
                .forEach(r -> traits.put(r.target().traitName(), r.column()));
        for (ColumnMapping.Rule rule : accounts.rules()) {
            String name = rule.target().traitName();
            if (name != null && traits.containsKey(name)) {
                throw new IllegalArgumentException("accounts.mapping: trait '" + name + "' of column '"
                        + rule.column() + "' is also mapped from contact column '" + traits.get(name) + "'");
            }
        }
        return null;
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(trim(value));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone: unknown time zone '" + trim(value)
                    + "', e.g. UTC or Europe/Amsterdam");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
