package org.cdphub.connector.dmp.internal;

import static org.cdphub.spi.connector.support.config.ConfigValues.number;
import static org.cdphub.spi.connector.support.config.ConfigValues.trim;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.util.AntPathMatcher;
import org.cdphub.spi.connector.support.config.ConfigValues;
import org.cdphub.spi.connector.support.config.Problems;
import org.cdphub.spi.connector.support.config.TimeToLive;

/** Validated settings of one dmp instance. */
record DmpSettings(String id, Path inbox, String platform, String anonymousIdScope, Duration ttl,
        String audienceInclude, String syncInclude, AudienceColumns audienceColumns, SyncColumns syncColumns,
        char delimiter, Charset charset, int batchSize, long pollDelayMs) {

    static final int MAX_BATCH = 10_000;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PLATFORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** The kinds of file the inbox takes. */
    enum FileKind { AUDIENCE, SYNC }

    /** Column names of audience files; {@code expiresAt} empty when expiries are not read. */
    record AudienceColumns(String id, String idType, String segments, String expiresAt) {
    }

    /** Column names of cookie-sync feeds. */
    record SyncColumns(String dmpId, String partnerUid, String syncedAt) {
    }

    /**
     * Checks every key and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each problem as {@code <key>: <what is wrong>}, separated by "; "
     */
    static DmpSettings from(DmpConfig c) {
        Problems problems = new Problems();
        String id = trim(c.id());
        if (id.isEmpty()) {
            problems.add("id: required, e.g. dmp-acme");
        } else if (!ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        Path inbox = problems.attempt(() -> inbox(c.inbox()));
        String scope = trim(c.anonymous_id_scope());
        if (scope.isEmpty()) {
            problems.add("anonymous.id.scope: required, the id of the tracking connector instance whose anonymousId "
                    + "values the cookie-sync feeds carry (e.g. web)");
        } else if (!ID.matcher(scope).matches()) {
            problems.add("anonymous.id.scope: '" + scope + "' is not a connector instance id (a-z, 0-9, '-')");
        }
        String platform = trim(c.platform()).isEmpty() ? id : trim(c.platform());
        if (!platform.isEmpty() && !PLATFORM.matcher(platform).matches()) {
            problems.add("platform: '" + platform + "' must be 1-63 characters of letters, digits, '.', '_' and '-' "
                    + "(it is the part before ':' of every cookieId and deviceId)");
        }
        Duration ttl = problems.attempt(() -> TimeToLive.parse("ttl", c.ttl()));
        String audienceInclude = problems.attempt(() -> pattern("audience.include", c.audience_include()));
        String syncInclude = problems.attempt(() -> pattern("sync.include", c.sync_include()));
        if (audienceInclude != null && audienceInclude.equalsIgnoreCase(syncInclude)) {
            problems.add("sync.include: must differ from audience.include ('" + audienceInclude + "')");
        }
        AudienceColumns audience = new AudienceColumns(
                column(problems, "audience.column.id", c.audience_column_id()),
                column(problems, "audience.column.id.type", c.audience_column_id_type()),
                column(problems, "audience.column.segments", c.audience_column_segments()),
                trim(c.audience_column_expires_at()));
        SyncColumns sync = new SyncColumns(
                column(problems, "sync.column.dmp.id", c.sync_column_dmp_id()),
                column(problems, "sync.column.partner.uid", c.sync_column_partner_uid()),
                column(problems, "sync.column.synced.at", c.sync_column_synced_at()));
        Character delimiter = problems.attempt(() -> delimiter(c.delimiter()));
        Charset charset = problems.attempt(() -> ConfigValues.charset(c.charset()));
        Long batchSize = problems.attempt(() -> number("batch.size", c.batch_size(), 1, MAX_BATCH));
        Long pollDelay = problems.attempt(() -> number("poll.delay.ms", c.poll_delay_ms(), 10, 3_600_000));
        problems.throwIfAny();
        return new DmpSettings(id, inbox, platform, scope, ttl, audienceInclude, syncInclude, audience, sync,
                delimiter, charset, batchSize.intValue(), pollDelay);
    }

    /** What a file of this name is: audience file first, then cookie-sync feed; empty for anything else. */
    Optional<FileKind> kindOf(String fileName) {
        if (AntPathMatcher.INSTANCE.match(audienceInclude, fileName, false)) {
            return Optional.of(FileKind.AUDIENCE);
        }
        if (AntPathMatcher.INSTANCE.match(syncInclude, fileName, false)) {
            return Optional.of(FileKind.SYNC);
        }
        return Optional.empty();
    }

    /** The settings as {@code cdp:connectors} shows them (nothing here is secret). */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("inbox", inbox.toString());
        out.put("platform", platform);
        out.put("anonymous.id.scope", anonymousIdScope);
        out.put("ttl", ttl.toString());
        out.put("audience.include", audienceInclude);
        out.put("sync.include", syncInclude);
        out.put("audience.columns", String.join(", ", audienceColumns.id(), audienceColumns.idType(),
                audienceColumns.segments(), audienceColumns.expiresAt()));
        out.put("sync.columns", String.join(", ", syncColumns.dmpId(), syncColumns.partnerUid(),
                syncColumns.syncedAt()));
        out.put("delimiter", delimiter == '\t' ? "\\t" : String.valueOf(delimiter));
        out.put("charset", charset.name());
        out.put("batch.size", Integer.toString(batchSize));
        out.put("poll.delay.ms", Long.toString(pollDelayMs));
        return out;
    }

    private static Path inbox(String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("inbox: required, the folder to watch for audience and sync files");
        }
        Path inbox = Path.of(v).toAbsolutePath().normalize();
        if (Files.exists(inbox) && !Files.isDirectory(inbox)) {
            throw new IllegalArgumentException("inbox: '" + inbox + "' exists but is not a folder");
        }
        return inbox;
    }

    /**
     * A file name pattern for Camel's antInclude: no commas (they separate patterns), no folders, no parentheses (the
     * patterns are passed as {@code RAW(...)}).
     */
    private static String pattern(String key, String value) {
        String v = trim(value);
        if (v.isEmpty() || v.contains(",") || v.contains("/") || v.contains("\\") || v.contains("(")
                || v.contains(")") || v.startsWith(".")) {
            throw new IllegalArgumentException(key + ": '" + v + "' must be a file name pattern with * and ?, "
                    + "without ',', '/', '(', ')' or a leading '.', e.g. audiences*.csv");
        }
        return v;
    }

    private static String column(Problems problems, String key, String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            problems.add(key + ": required, the column name as in the file's first line");
        }
        return v;
    }

    private static char delimiter(String value) {
        String raw = value == null ? "" : value;
        String v = raw.strip().isEmpty() ? raw : raw.strip();
        if ("\\t".equals(v) || "tab".equalsIgnoreCase(v)) {
            return '\t';
        }
        if (v.length() != 1 || v.charAt(0) == '"' || v.charAt(0) == '\r' || v.charAt(0) == '\n'
                || v.charAt(0) == '|') {
            throw new IllegalArgumentException("delimiter: must be one character other than '\"', '|' and a line "
                    + "break, or \\t for tab, got '" + raw + "'");
        }
        return v.charAt(0);
    }
}
