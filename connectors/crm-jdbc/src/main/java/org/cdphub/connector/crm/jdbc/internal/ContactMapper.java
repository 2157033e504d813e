package org.cdphub.connector.crm.jdbc.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;

/**
 * Turns one contact row into a {@link Fragment} as the mappings say, into a removal when the row is soft-deleted, or
 * into the reasons it cannot be taken. A pure function of the row: no clock, no database; never null. Thread-safe.
 */
final class ContactMapper {

    private final String source;
    private final CrmJdbcSettings.Tables tables;
    private final ColumnMapping mapping;
    private final ColumnMapping accountsMapping;
    private final IdentifierNormalizer normalizer;
    private final ZoneId zone;

    ContactMapper(CrmJdbcSettings settings) {
        this.source = settings.id();
        this.tables = settings.tables();
        this.mapping = settings.mapping();
        this.accountsMapping = settings.accountsMapping();
        this.normalizer = settings.normalizer();
        this.zone = settings.zone();
    }

    MapResult map(SourceRow row) {
        if (tables.deletedColumn() != null && CellValues.deleted(row.deleted())) {
            return new MapResult.Removed(row.key());
        }
        Draft draft = new Draft();
        for (ColumnMapping.Rule rule : mapping.read()) {
            apply(rule.column(), rule.target(), row.contact().get(rule.column()), draft);
        }
        for (ColumnMapping.Rule rule : accountsMapping.read()) {
            if (row.account().containsKey(rule.column())) {
                apply(tables.accountsTable() + "." + rule.column(), rule.target(), row.account().get(rule.column()),
                        draft);
            }
        }
        if (!draft.problems.isEmpty()) {
            return new MapResult.Rejected(String.join("; ", draft.problems), raw(row));
        }
        List<Identifier> identifiers = new ArrayList<>();
        identifiers.add(new Identifier(IdentifierTypes.CRM_ID, source + ":" + row.key()));
        identifiers.addAll(draft.identifiers);
        List<Consent> consents = new ArrayList<>();
        draft.consents.forEach((target, status) ->
                consents.add(new Consent(target.purpose(), target.channel(), status, row.modified(), source)));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("table", tables.contacts());
        provenance.put("key", row.key());
        return new MapResult.Mapped(new Fragment(source, row.key(), row.modified(), identifiers, draft.traits,
                consents, List.of(), provenance));
    }

    /** Where a row is, for dead letters: {@code <contacts.table>:<key>}. */
    String location(String key) {
        return tables.contacts() + ":" + key;
    }

    private void apply(String column, Target target, Object value, Draft draft) {
        try {
            if (target instanceof Target.Email) {
                identifier(column, IdentifierTypes.EMAIL, value, draft);
            } else if (target instanceof Target.Phone) {
                identifier(column, IdentifierTypes.PHONE, value, draft);
            } else if (target instanceof Target.Consent consent) {
                CellValues.consent(value, consent.optOut()).ifPresent(s -> draft.consents.put(consent, s));
            } else if (target instanceof Target.Date date) {
                CellValues.date(value, zone).ifPresent(d -> draft.traits.put(date.name(), d));
            } else if (target instanceof Target.Trait trait) {
                CellValues.trait(value, zone).ifPresent(v -> draft.traits.put(trait.name(), v));
            }
        } catch (IllegalArgumentException e) {
            draft.problems.add("column '" + column + "': " + e.getMessage());
        }
    }

    private void identifier(String column, String type, Object value, Draft draft) {
        String text = CellValues.text(value);
        if (text == null || text.isEmpty()) {
            return;
        }
        Normalized normalized = normalizer.normalize(type, text);
        if (normalized.isValid()) {
            draft.identifiers.add(normalized.identifier());
        } else {
            draft.problems.add("column '" + column + "': " + normalized.error());
        }
    }

    /** The row as JSON, every value as text: key, modified, contact columns, then account columns. */
    private String raw(SourceRow row) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(tables.key(), row.key());
        out.put(tables.modified(), row.modified().toString());
        row.contact().forEach((column, value) -> out.put(column, value == null ? null : String.valueOf(value)));
        row.account().forEach((column, value) -> out.put(tables.accountsTable() + "." + column,
                value == null ? null : String.valueOf(value)));
        return CdpJson.write(out);
    }

    /** What has been read from one row so far. */
    private static final class Draft {
        final List<String> problems = new ArrayList<>();
        final Set<Identifier> identifiers = new LinkedHashSet<>();
        final Map<String, Object> traits = new LinkedHashMap<>();
        final Map<Target.Consent, ConsentStatus> consents = new LinkedHashMap<>();
    }
}
