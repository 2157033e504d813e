package org.cdphub.core.internal.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.SegmentMembership;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.AliasTable;
import org.cdphub.core.internal.store.FragmentRow;
import org.cdphub.core.internal.store.FragmentTable;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.IdentifierTable;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.core.internal.store.StoreLock;
import org.cdphub.core.internal.store.StoredHead;

/**
 * Merges batches of fragments into profiles, each batch in one JDBC transaction and with a fixed number of set-based
 * statements (chunked IN-lists, JDBC batches) whatever the batch size.
 *
 * <p>Merges are serialised with {@link StoreLock}, within this JVM and across nodes sharing the database (a database
 * lock), and retried on benign races.
 */
public final class MergeEngine implements IdentityResolution {

    private final DataSource dataSource;
    private final BatchPreparer preparer;
    private final Clock clock;
    private final Supplier<String> newIds;

    public MergeEngine(DataSource dataSource, IdentifierNormalizer normalizer, Clock clock) {
        this(dataSource, normalizer, clock, () -> UUID.randomUUID().toString());
    }

    MergeEngine(DataSource dataSource, IdentifierNormalizer normalizer, Clock clock, Supplier<String> newIds) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.preparer = new BatchPreparer(Objects.requireNonNull(normalizer, "normalizer"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.newIds = newIds;
    }

    @Override
    public MergeResult merge(List<Fragment> fragments) {
        BatchPreparer.Prepared prepared = preparer.prepare(Objects.requireNonNull(fragments, "fragments"));
        if (prepared.candidates().isEmpty()) {
            return new MergeResult(List.of(), List.of(), prepared.superseded(), prepared.rejected());
        }
        return StoreLock.write(dataSource, c -> merge(c, prepared));
    }

    private MergeResult merge(Connection c, BatchPreparer.Prepared prepared) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what timestamp columns keep
        List<FragmentKey> keys = prepared.candidates().stream().map(Candidate::key).toList();
        Map<FragmentKey, StoredHead> heads = FragmentTable.heads(c, keys);

        int unchanged = prepared.superseded();
        List<Candidate> apply = new ArrayList<>();
        for (Candidate candidate : prepared.candidates()) {
            StoredHead head = heads.get(candidate.key());
            if (head != null && (head.contentHash().equals(candidate.hash())
                    || candidate.fragment().observedAt().isBefore(head.observedAt()))) {
                unchanged++;
            } else {
                apply.add(candidate);
            }
        }
        if (apply.isEmpty()) {
            return new MergeResult(List.of(), List.of(), unchanged, prepared.rejected());
        }

        Set<String> idKeys = new LinkedHashSet<>();
        apply.forEach(a -> a.fragment().identifiers().forEach(i -> idKeys.add(i.key())));
        Map<String, String> owners = IdentifierTable.owners(c, idKeys);
        List<MergePlanner.Group> groups = MergePlanner.group(apply, heads, owners);

        Set<String> existing = new LinkedHashSet<>();
        groups.forEach(g -> existing.addAll(g.existingProfiles()));
        Map<String, Instant> createdAt = ProfileTable.createdAt(c, existing);
        List<MergePlanner.Target> targets = groups.stream()
                .map(g -> MergePlanner.target(g, createdAt, newIds, now))
                .toList();

        Map<String, String> absorbedToSurvivor = new LinkedHashMap<>();
        targets.forEach(t -> t.absorbed().forEach(a -> absorbedToSurvivor.put(a, t.profileId())));
        List<MergeResult.Absorbed> absorbed = absorb(c, absorbedToSurvivor, now);

        List<FragmentRow> rows = new ArrayList<>();
        for (MergePlanner.Target target : targets) {
            for (Candidate candidate : target.fragments()) {
                Fragment f = candidate.fragment();
                rows.add(new FragmentRow(candidate.key(), target.profileId(), f.observedAt(), candidate.hash(),
                        CdpJson.write(f)));
            }
        }
        FragmentTable.replace(c, rows);
        ProfileRecompute.run(c, targets, absorbedToSurvivor.keySet(), now);

        List<String> changed = targets.stream().map(MergePlanner.Target::profileId).toList();
        return new MergeResult(changed, absorbed, unchanged, prepared.rejected());
    }

    /**
     * Moves fragments, segment memberships and aliases of absorbed profiles to their survivors, leaves an alias for
     * each absorbed id and deletes the absorbed profile rows. Identifier rows are rewritten by the recompute.
     */
    private static List<MergeResult.Absorbed> absorb(Connection c, Map<String, String> absorbedToSurvivor,
            Instant now) throws SQLException {
        if (absorbedToSurvivor.isEmpty()) {
            return List.of();
        }
        Set<String> involved = new LinkedHashSet<>(absorbedToSurvivor.keySet());
        involved.addAll(absorbedToSurvivor.values());
        Map<String, List<SegmentMembership>> memberships = MembershipTable.load(c, involved);

        FragmentTable.reassign(c, absorbedToSurvivor);
        AliasTable.absorb(c, absorbedToSurvivor, now);
        MembershipTable.moveToSurvivors(c, absorbedToSurvivor, memberships);
        ProfileTable.delete(c, absorbedToSurvivor.keySet());

        List<MergeResult.Absorbed> absorbed = new ArrayList<>();
        absorbedToSurvivor.forEach((id, survivor) -> absorbed.add(new MergeResult.Absorbed(id, survivor,
                memberships.getOrDefault(id, List.of()).stream().map(SegmentMembership::segment).toList())));
        return absorbed;
    }
}
