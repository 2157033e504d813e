package org.cdphub.connector.dmp.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.spi.connector.support.csv.CsvHeader;
import org.cdphub.spi.connector.support.csv.MapResult;

/**
 * One row of an audience file: a third-party id (cookie or mobile advertising id) with the DMP's segment ids, as a
 * fragment with the one anonymous identifier, trait {@code dmpAudiences} (segment ids, sorted) and an expiry. Only the
 * configured columns are read: an audience file never brings a first-party id (an e-mail column is not read), so its
 * data reaches a person only through a first-party event that carries the same third-party id. Pure; thread-safe.
 */
final class AudienceMapper implements RowMapper {

    static final String TRAIT = "dmpAudiences";

    private final String source;
    private final String platform;
    private final Duration ttl;
    private final DmpSettings.AudienceColumns columns;

    AudienceMapper(String source, String platform, Duration ttl, DmpSettings.AudienceColumns columns) {
        this.source = source;
        this.platform = platform;
        this.ttl = ttl;
        this.columns = columns;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(columns.id(), columns.idType(), columns.segments());
    }

    @Override
    public List<String> optionalColumns() {
        return columns.expiresAt().isEmpty() ? List.of() : List.of(columns.expiresAt());
    }

    @Override
    public MapResult map(CsvHeader header, List<String> values, RowOrigin origin) {
        List<String> problems = new ArrayList<>();
        String id = header.value(values, columns.id());
        if (id.isEmpty()) {
            problems.add("missing id: column '" + columns.id() + "' is empty");
        }
        String kind = header.value(values, columns.idType()).toLowerCase(Locale.ROOT);
        String type = switch (kind) {
            case "cookie" -> IdentifierTypes.COOKIE_ID;
            case "maid" -> IdentifierTypes.DEVICE_ID;
            default -> {
                problems.add("column '" + columns.idType() + "': " + (kind.isEmpty() ? "empty"
                        : "unknown id type '" + header.value(values, columns.idType()) + "'")
                        + " (expected cookie or maid)");
                yield null;
            }
        };
        Instant rowExpiry = null;
        String expiry = columns.expiresAt().isEmpty() ? "" : header.value(values, columns.expiresAt());
        if (!expiry.isEmpty()) {
            try {
                rowExpiry = Timestamps.parse(expiry);
            } catch (IllegalArgumentException e) {
                problems.add("column '" + columns.expiresAt() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new MapResult.Rejected(String.join("; ", problems));
        }
        Instant observedAt = origin.fileModified();
        Instant expiresAt = observedAt.plus(ttl);
        if (rowExpiry != null && rowExpiry.isBefore(expiresAt)) {
            expiresAt = rowExpiry;
        }
        if (!expiresAt.isAfter(origin.readAt())) {
            return new MapResult.Expired();
        }
        Map<String, Object> traits = Map.of(TRAIT, segments(header.value(values, columns.segments())));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("file", origin.file());
        provenance.put("line", Long.toString(origin.line()));
        return new MapResult.Mapped(new Fragment(source, "audience/" + kind + "/" + id, observedAt,
                List.of(new Identifier(type, platform + ":" + id)), traits, List.of(), List.of(), provenance,
                expiresAt));
    }

    /** Segment ids separated by {@code |}: trimmed, without empty ones and duplicates, sorted as text. */
    static List<String> segments(String cell) {
        return Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).distinct().sorted()
                .toList();
    }
}
