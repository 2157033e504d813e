package org.cdphub.connector.dmp.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.spi.connector.support.csv.CsvHeader;
import org.cdphub.spi.connector.support.csv.MapResult;

/**
 * One row of a cookie-sync feed: the DMP's cookie id seen together with our first-party anonymous id (the
 * {@code anonymousId} the tracking connector stores as {@code <scope>:<id>}), as a fragment that carries both and so
 * links the cookie's audiences to whoever the anonymous id belongs to. It expires {@code ttl} after the sync. Pure;
 * thread-safe.
 */
final class SyncMapper implements RowMapper {

    /** A sync time further ahead than this of the time the file is read is refused. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final String source;
    private final String platform;
    private final String scope;
    private final Duration ttl;
    private final DmpSettings.SyncColumns columns;

    SyncMapper(String source, String platform, String scope, Duration ttl, DmpSettings.SyncColumns columns) {
        this.source = source;
        this.platform = platform;
        this.scope = scope;
        this.ttl = ttl;
        this.columns = columns;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(columns.dmpId(), columns.partnerUid());
    }

    @Override
    public List<String> optionalColumns() {
        return List.of(columns.syncedAt());
    }

    @Override
    public MapResult map(CsvHeader header, List<String> values, RowOrigin origin) {
        List<String> problems = new ArrayList<>();
        String dmpId = header.value(values, columns.dmpId());
        if (dmpId.isEmpty()) {
            problems.add("missing id: column '" + columns.dmpId() + "' is empty");
        }
        String partnerUid = header.value(values, columns.partnerUid());
        if (partnerUid.isEmpty()) {
            problems.add("missing id: column '" + columns.partnerUid() + "' is empty");
        }
        Instant observedAt = origin.fileModified();
        String syncedAt = header.value(values, columns.syncedAt());
        if (!syncedAt.isEmpty()) {
            try {
                observedAt = Timestamps.parse(syncedAt);
                if (observedAt.isAfter(origin.readAt().plus(MAX_CLOCK_SKEW))) {
                    problems.add("column '" + columns.syncedAt() + "': '" + syncedAt + "' is in the future");
                }
            } catch (IllegalArgumentException e) {
                problems.add("column '" + columns.syncedAt() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new MapResult.Rejected(String.join("; ", problems));
        }
        Instant expiresAt = observedAt.plus(ttl);
        if (!expiresAt.isAfter(origin.readAt())) {
            return new MapResult.Expired();
        }
        List<Identifier> identifiers = List.of(new Identifier(IdentifierTypes.COOKIE_ID, platform + ":" + dmpId),
                new Identifier(IdentifierTypes.ANONYMOUS_ID, scope + ":" + partnerUid));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("file", origin.file());
        provenance.put("line", Long.toString(origin.line()));
        return new MapResult.Mapped(new Fragment(source, "sync/" + dmpId + "/" + partnerUid, observedAt,
                identifiers, Map.of(), List.of(), List.of(), provenance, expiresAt));
    }
}
