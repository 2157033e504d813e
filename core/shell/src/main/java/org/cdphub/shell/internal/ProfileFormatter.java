package org.cdphub.shell.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.SegmentMembership;
import org.cdphub.api.model.SourceRef;
import org.cdphub.api.model.TraitValue;

/** Renders a profile as text for the console. A pure function. */
final class ProfileFormatter {

    /** Records shown per source, the most recently observed first. */
    static final int SOURCE_RECORDS_SHOWN = 5;

    private ProfileFormatter() {
    }

    static String format(Profile p) {
        StringBuilder out = new StringBuilder();
        out.append("Profile ").append(p.profileId()).append('\n');
        out.append("  created ").append(p.createdAt()).append(", updated ").append(p.updatedAt()).append('\n');
        if (!p.aliases().isEmpty()) {
            out.append("  aliases ").append(String.join(", ", p.aliases())).append('\n');
        }
        out.append("Identifiers\n");
        p.identifiers().stream().sorted(Comparator.comparing(Identifier::type).thenComparing(Identifier::value))
                .forEach(i -> out.append(String.format("  %-12s %s%n", i.type(), i.value())));
        out.append("Traits\n");
        for (Map.Entry<String, TraitValue> e : new TreeMap<>(p.traits()).entrySet()) {
            TraitValue v = e.getValue();
            out.append(String.format("  %-12s %-28s from %s/%s at %s%n", e.getKey(), v.value(), v.source(),
                    v.sourceRecordId(), v.observedAt()));
        }
        out.append("Consents\n");
        p.consents().stream().sorted(Comparator.comparing(Consent::key))
                .forEach(c -> out.append(String.format("  %-24s %-8s from %s at %s%n", c.key(), c.status(), c.source(),
                        c.updatedAt())));
        out.append("Segments\n");
        p.segments().stream().sorted(Comparator.comparing(SegmentMembership::segment))
                .forEach(s -> out.append(String.format("  %-24s since %s%n", s.segment(), s.since())));
        out.append("Sources (").append(p.sources().size()).append(")\n");
        Map<String, List<SourceRef>> bySource = p.sources().stream()
                .collect(Collectors.groupingBy(SourceRef::source, TreeMap::new, Collectors.toList()));
        bySource.forEach((source, records) -> {
            // a source that sends a record per event (tracking) can have thousands: its latest few
            records.stream().sorted(Comparator.comparing(SourceRef::observedAt).reversed()
                    .thenComparing(SourceRef::sourceRecordId)).limit(SOURCE_RECORDS_SHOWN)
                    .forEach(s -> out.append(String.format("  %s/%s observed %s%n", s.source(), s.sourceRecordId(),
                            s.observedAt())));
            if (records.size() > SOURCE_RECORDS_SHOWN) {
                out.append(String.format(Locale.ROOT, "  %s: %,d more, observed earlier (--json lists them)%n", source,
                        records.size() - SOURCE_RECORDS_SHOWN));
            }
        });
        if (!p.events().isEmpty()) {
            out.append("Events: ").append(p.events().size()).append('\n');
        }
        return out.toString();
    }
}
