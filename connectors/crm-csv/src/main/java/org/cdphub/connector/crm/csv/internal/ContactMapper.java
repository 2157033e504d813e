package org.cdphub.connector.crm.csv.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.spi.connector.support.csv.CsvHeader;
import org.cdphub.spi.connector.support.csv.MapResult;

/**
 * Turns one CSV row into a {@link Fragment} as the mapping says, or into the reasons it cannot be taken. A pure
 * function of header, row and origin: it reads no clock and no file, and never returns null. Thread-safe.
 */
final class ContactMapper {

    private final String source;
    private final ColumnMapping mapping;
    private final IdentifierNormalizer normalizer;
    private final String datePattern;
    private final DateTimeFormatter dateFormat;

    ContactMapper(String source, ColumnMapping mapping, IdentifierNormalizer normalizer) {
        this(source, mapping, normalizer, "");
    }

    /**
     * @param source     the connector instance id: the fragments' source and the prefix of their crmId
     * @param datePattern the pattern observedAt is written in ({@code date.format}), tried before the ISO-8601
     *                    forms; empty for none
     */
    ContactMapper(String source, ColumnMapping mapping, IdentifierNormalizer normalizer, String datePattern) {
        this.source = source;
        this.mapping = mapping;
        this.normalizer = normalizer;
        this.datePattern = datePattern == null ? "" : datePattern;
        this.dateFormat = this.datePattern.isEmpty() ? null : DateTimeFormatter.ofPattern(this.datePattern, Locale.ROOT);
    }

    ColumnMapping mapping() {
        return mapping;
    }

    MapResult map(CsvHeader header, List<String> values, RowOrigin origin) {
        Row row = new Row();
        for (ColumnMapping.Rule rule : mapping.rules()) {
            apply(rule.column(), rule.target(), header.value(values, rule.column()), row);
        }
        if (!row.problems.isEmpty()) {
            return new MapResult.Rejected(String.join("; ", row.problems));
        }
        Instant observedAt = row.observedAt != null ? row.observedAt : origin.fileModified();
        List<Identifier> identifiers = new ArrayList<>();
        identifiers.add(new Identifier(IdentifierTypes.CRM_ID, source + ":" + row.recordId));
        identifiers.addAll(row.identifiers);
        List<Consent> consents = new ArrayList<>();
        row.consents.forEach((target, status) ->
                consents.add(new Consent(target.purpose(), target.channel(), status, observedAt, source)));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("file", origin.file());
        provenance.put("line", Long.toString(origin.line()));
        return new MapResult.Mapped(new Fragment(source, row.recordId, observedAt, identifiers, row.traits, consents,
                List.of(), provenance));
    }

    private void apply(String column, Target target, String value, Row row) {
        if (target instanceof Target.RecordId) {
            if (value.isEmpty()) {
                row.problems.add("missing recordId: column '" + column + "' is empty");
            }
            row.recordId = value;
        } else if (value.isEmpty() || target instanceof Target.Ignore) {
            return;
        } else if (target instanceof Target.ObservedAt) {
            try {
                row.observedAt = Values.timestamp(value, datePattern, dateFormat);
            } catch (IllegalArgumentException e) {
                row.problems.add("column '" + column + "': " + e.getMessage());
            }
        } else if (target instanceof Target.Email) {
            identifier(column, IdentifierTypes.EMAIL, value, row);
        } else if (target instanceof Target.Phone) {
            identifier(column, IdentifierTypes.PHONE, value, row);
        } else if (target instanceof Target.Consent consent) {
            try {
                Optional<ConsentStatus> status = Values.consent(value, consent.optOut());
                status.ifPresent(s -> row.consents.put(consent, s));
            } catch (IllegalArgumentException e) {
                row.problems.add("column '" + column + "': " + e.getMessage());
            }
        } else if (target instanceof Target.Trait trait) {
            row.traits.put(trait.name(), value);
        }
    }

    private void identifier(String column, String type, String value, Row row) {
        Normalized normalized = normalizer.normalize(type, value);
        if (normalized.isValid()) {
            row.identifiers.add(normalized.identifier());
        } else {
            row.problems.add("column '" + column + "': " + normalized.error());
        }
    }

    /** What has been read from one row so far. */
    private static final class Row {
        final List<String> problems = new ArrayList<>();
        final Set<Identifier> identifiers = new LinkedHashSet<>();
        final Map<String, Object> traits = new LinkedHashMap<>();
        final Map<Target.Consent, ConsentStatus> consents = new LinkedHashMap<>();
        String recordId;
        Instant observedAt;
    }
}
