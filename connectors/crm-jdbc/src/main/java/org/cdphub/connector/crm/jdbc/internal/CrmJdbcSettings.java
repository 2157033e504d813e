package org.cdphub.connector.crm.jdbc.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;

/** Validated settings of one crm-jdbc instance. */
record CrmJdbcSettings(String id, String url, String user, String password, Tables tables, ColumnMapping mapping,
        ColumnMapping accountsMapping, ZoneId zone, IdentifierNormalizer normalizer, int batchSize,
        long pollInterval, int retryAttempts, long retryDelayMs, int poolSize, long connectTimeoutMs) {

    static final String MASK = "****";
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
        List<String> problems = new ArrayList<>();
        String id = trim(c.id());
        if (id.isEmpty()) {
            problems.add("id: required, e.g. crm-erp");
        } else if (!ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String url = attempt(problems, () -> url(c.jdbc_url()));
        Tables tables = attempt(problems, () -> tables(c));
        ColumnMapping mapping = attempt(problems, () -> ColumnMapping.parse("mapping", c.mapping(), false));
        ColumnMapping accounts = attempt(problems, () -> ColumnMapping.parse("accounts.mapping",
                c.accounts_mapping(), true));
        if (tables != null && tables.accountsTable() == null && accounts != null && !accounts.rules().isEmpty()) {
            problems.add("accounts.mapping: needs accounts.table, which is empty");
        }
        if (mapping != null && accounts != null) {
            attempt(problems, () -> noSharedTraits(mapping, accounts));
        }
        ZoneId zone = attempt(problems, () -> zone(c.timezone()));
        IdentifierNormalizer normalizer = attempt(problems, () -> region(c.phone_default_region()));
        Long batchSize = attempt(problems, () -> number("batch.size", c.batch_size(), 1, 10_000));
        Long pollInterval = attempt(problems, () -> number("poll.interval", c.poll_interval(), 100, 86_400_000));
        Long attempts = attempt(problems, () -> number("retry.attempts", c.retry_attempts(), 0, 10));
        Long delay = attempt(problems, () -> number("retry.delay.ms", c.retry_delay_ms(), 1, 600_000));
        Long poolSize = attempt(problems, () -> number("pool.size", c.pool_size(), 1, 20));
        Long timeout = attempt(problems, () -> number("connect.timeout.ms", c.connect_timeout_ms(), 250, 600_000));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new CrmJdbcSettings(id, url, trim(c.jdbc_user()), c.jdbc_password() == null ? "" : c.jdbc_password(),
                tables, mapping, accounts, zone, normalizer, batchSize.intValue(), pollInterval, attempts.intValue(),
                delay, poolSize.intValue(), timeout);
    }

    /** The settings as {@code cdp:connectors} shows them: the password (also one inside the URL) masked. */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("jdbc.url", maskUrl(url));
        out.put("jdbc.user", user);
        out.put("jdbc.password", password.isEmpty() ? "" : MASK);
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
        List<String> problems = new ArrayList<>();
        String contacts = attempt(problems, () -> SqlNames.table("contacts.table", c.contacts_table()));
        String key = attempt(problems, () -> SqlNames.column("key.column", c.key_column()));
        String modified = attempt(problems, () -> SqlNames.column("modified.column", c.modified_column()));
        String deleted = blank(c.deleted_column()) ? null
                : attempt(problems, () -> SqlNames.column("deleted.column", c.deleted_column()));
        String accounts = blank(c.accounts_table()) ? null
                : attempt(problems, () -> SqlNames.table("accounts.table", c.accounts_table()));
        String accountColumn = accounts == null ? null
                : attempt(problems, () -> SqlNames.column("account.column", c.account_column()));
        String accountsKey = accounts == null ? null
                : attempt(problems, () -> SqlNames.column("accounts.key.column", c.accounts_key_column()));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
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

    private static <T> T attempt(List<String> problems, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
