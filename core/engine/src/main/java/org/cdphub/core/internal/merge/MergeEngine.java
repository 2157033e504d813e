package org.cdphub.core.internal.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PreparedBatch;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.store.DroppedIdentifierTable;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.FragmentTable;
import org.cdphub.core.internal.store.GraphEdits;
import org.cdphub.core.internal.store.IdentifierTable;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.PendingChangeTable;
import org.cdphub.core.internal.store.StoreLock;
import org.cdphub.core.internal.store.StoreStatistics;
import org.cdphub.core.internal.store.StoredHead;
import org.cdphub.core.internal.store.TombstoneTable;
import org.cdphub.core.internal.store.TombstoneTable.Tombstone;

/**
 * Merges batches of fragments into profiles and removes fragments, each call in one JDBC transaction and with a
 * bounded number of set-based statements (chunked IN-lists, JDBC batches) whatever the batch size. How fragments are
 * linked is decided by {@link GraphUpdate} under the configured {@link ResolutionRules}.
 *
 * <p>A fragment changes nothing when its content hash equals the stored one (redelivery), when it is older than the
 * stored version of its source record, or when a removal of it keeps it out: it is not newer than the removed version,
 * or it was sent before the removal (see {@link #merge(List, List)} and {@link #remove(String, List, Instant)}), so
 * that a removal and the fragments sent before it may arrive in any order. A fragment whose expiry has passed when it
 * is merged is never stored: it is handled as if stored and swept at once (its record's stored version goes if it is
 * older, and a tombstone stays that the expiry sweep forgets once what it keeps out has expired;
 * a tombstone holding an erasure's send time stays).
 * A removal that frees an identifier (no profile holds it any more) lets the fragments that dropped it link it again.
 *
 * <p>Each call that changes profiles records them in {@code cdp_pending_change} in its transaction
 * ({@link MergeResult#pendingChange()}), so that a change whose announcement is lost can be announced later.
 *
 * <p>Merges are serialised with {@link StoreLock}, within this JVM and across nodes sharing the database (a database
 * lock), and retried on benign races.
 */
public final class MergeEngine implements IdentityResolution {

    private static final System.Logger LOG = System.getLogger(MergeEngine.class.getName());

    private final DataSource dataSource;
    private final BatchPreparer preparer;
    private final ResolutionRules rules;
    private final ProbabilisticMatching matching;
    private final Clock clock;
    private final Supplier<String> newIds;
    private final StoreStatistics statistics;

    /** An engine with the built-in rules. */
    public MergeEngine(DataSource dataSource, IdentifierNormalizer normalizer, Clock clock) {
        this(dataSource, normalizer, ResolutionRules.defaults(), clock);
    }

    public MergeEngine(DataSource dataSource, IdentifierNormalizer normalizer, ResolutionRules rules, Clock clock) {
        this(dataSource, normalizer, rules, clock, new ProfileIds());
    }

    MergeEngine(DataSource dataSource, IdentifierNormalizer normalizer, Clock clock, Supplier<String> newIds) {
        this(dataSource, normalizer, ResolutionRules.defaults(), clock, newIds);
    }

    MergeEngine(DataSource dataSource, IdentifierNormalizer normalizer, ResolutionRules rules, Clock clock,
            Supplier<String> newIds) {
        this(dataSource, normalizer, rules, ProbabilisticMatching.defaults(), clock, newIds);
    }

    /** An engine that also links new profiles to stored ones by probability, as {@code matching} says. */
    public MergeEngine(DataSource dataSource, IdentifierNormalizer normalizer, ResolutionRules rules,
            ProbabilisticMatching matching, Clock clock) {
        this(dataSource, normalizer, rules, matching, clock, new ProfileIds());
    }

    MergeEngine(DataSource dataSource, IdentifierNormalizer normalizer, ResolutionRules rules,
            ProbabilisticMatching matching, Clock clock, Supplier<String> newIds) {
        this.matching = Objects.requireNonNull(matching, "matching");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.preparer = new BatchPreparer(Objects.requireNonNull(normalizer, "normalizer"),
                rules.identity().blocked());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.newIds = newIds;
        this.statistics = new StoreStatistics(dataSource);
    }

    @Override
    public MergeResult merge(List<Fragment> fragments) {
        return merge(fragments, null);
    }

    /**
     * As {@link #merge(List)}; {@code sentAt} (when each fragment was put on the queue, null where unknown; or null for
     * all) lets the tombstones of removals sent later keep a fragment out, whatever its observation time.
     */
    @Override
    public MergeResult merge(List<Fragment> fragments, List<Instant> sentAt) {
        return merge(prepare(fragments, sentAt));
    }

    /** Normalises, checks and hashes the fragments and picks each record's latest version: no store involved. */
    @Override
    public PreparedBatch prepare(List<Fragment> fragments, List<Instant> sentAt) {
        return ready(fragments, sentAt);
    }

    private Ready ready(List<Fragment> fragments, List<Instant> sentAt) {
        PreparedBatch batch = PreparedBatch.of(Objects.requireNonNull(fragments, "fragments"), sentAt);
        return new Ready(preparer, batch.fragments(), batch.sentAt(),
                preparer.prepare(batch.fragments(), batch.sentAt()));
    }

    /** A batch prepared by an engine with the same preparer (its normaliser and rules): its work is used. */
    private record Ready(BatchPreparer by, List<Fragment> fragments, List<Instant> sentAt,
            BatchPreparer.Prepared prepared) implements PreparedBatch {
    }

    @Override
    public MergeResult merge(PreparedBatch batch) {
        BatchPreparer.Prepared prepared = batch instanceof Ready ready && ready.by() == preparer ? ready.prepared()
                : ready(batch.fragments(), batch.sentAt()).prepared();
        if (prepared.candidates().isEmpty()) {
            return new MergeResult(List.of(), List.of(), prepared.superseded(), prepared.rejected());
        }
        MergeResult result = StoreLock.write(dataSource, c -> PendingChangeTable.record(c, merge(c, prepared), now()));
        statistics.added(prepared.candidates().size()); // new or changed, about: a measure of growth
        return result;
    }

    private MergeResult merge(Connection c, BatchPreparer.Prepared prepared) throws SQLException {
        Instant now = now();
        List<FragmentKey> keys = prepared.candidates().stream().map(Candidate::key).toList();
        Map<FragmentKey, StoredHead> heads = FragmentTable.heads(c, keys);
        Map<FragmentKey, Tombstone> tombstones = TombstoneTable.of(c, keys);

        int unchanged = prepared.superseded();
        List<Candidate> apply = new ArrayList<>();
        Map<FragmentKey, Tombstone> revived = new java.util.LinkedHashMap<>();
        Map<FragmentKey, Tombstone> expiredOnArrival = new java.util.LinkedHashMap<>();
        for (Candidate chosen : prepared.candidates()) {
            StoredHead head = heads.get(chosen.key());
            Tombstone tombstone = tombstones.get(chosen.key());
            Candidate candidate = chosen;
            if (tombstone != null && newerThanStored(chosen, head)
                    && tombstone.keepsOut(chosen.fragment().observedAt(), chosen.sentAt())) {
                // the newest version was sent before a removal: an older one of the batch sent after it may count
                candidate = prepared.alternates().getOrDefault(chosen.key(), List.of()).stream()
                        .filter(v -> changes(v, head, tombstone)).findFirst().orElse(chosen);
            }
            if (!changes(candidate, head, tombstone)) {
                unchanged++;
                continue;
            }
            Instant expiresAt = candidate.fragment().expiresAt();
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                // expired on its way (a queue backlog, a dead letter moved back): as if stored and swept at once;
                // what an earlier removal keeps out stays out
                expiredOnArrival.put(candidate.key(), expiredAt(candidate.fragment().observedAt(), tombstone));
                continue;
            }
            apply.add(candidate);
            if (tombstone != null) {
                revived.put(candidate.key(), tombstone);
            }
        }
        List<FragmentKey> expiredStored = expiredOnArrival.keySet().stream().filter(heads::containsKey).toList();
        if (!expiredOnArrival.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, () -> expiredOnArrival.size() + " fragment(s) had expired on their way"
                    + " and were not stored (" + expiredStored.size() + " removed their record's older version):"
                    + " the queue or a replayed dead letter held them longer than their time to live");
        }
        unchanged += expiredOnArrival.size() - expiredStored.size();
        MergeResult result = new MergeResult(List.of(), List.of(), unchanged, prepared.rejected());
        if (!expiredStored.isEmpty()) {
            // first what the sweep would have removed, the way it removes it, so that the batch is linked and
            // matched without it
            result = MergeResults.then(result, remove(c, expiredStored, null, true));
            // the batch's stored records may have moved to other profiles (a split, a relinked fragment)
            heads = FragmentTable.heads(c, apply.stream().map(Candidate::key).toList());
        }
        // the expired versions' own tombstones, over those the removal left for the older versions
        TombstoneTable.putAll(c, expiredOnArrival, now, true);
        if (apply.isEmpty()) {
            return result;
        }
        TombstoneTable.revived(c, revived);
        return MergeResults.then(result, new GraphUpdate(c, rules, matching, newIds, now).apply(apply, List.of(),
                heads, 0, List.of()));
    }

    /**
     * The tombstone of a record whose version observed at {@code observedAt} expired: it keeps out what that version
     * does and what the record's tombstone {@code before} (null: none) kept out by send time (an erasure's), so that an
     * expiry never lets back in what a removal keeps out.
     */
    private static Tombstone expiredAt(Instant observedAt, Tombstone before) {
        if (before == null) {
            return new Tombstone(observedAt, null);
        }
        Instant latest = before.observedAt() == null || observedAt.isAfter(before.observedAt()) ? observedAt
                : before.observedAt();
        return new Tombstone(latest, before.sentAt());
    }

    /**
     * Whether {@code candidate} changes its record: not a redelivery of the stored version nor older than it, and not
     * kept out by a removal.
     */
    private static boolean changes(Candidate candidate, StoredHead head, Tombstone tombstone) {
        return newerThanStored(candidate, head)
                && !(tombstone != null && tombstone.keepsOut(candidate.fragment().observedAt(), candidate.sentAt()));
    }

    /** Not the stored version again (same content), nor older than it. */
    private static boolean newerThanStored(Candidate candidate, StoredHead head) {
        return head == null || !head.contentHash().equals(candidate.hash())
                && !candidate.fragment().observedAt().isBefore(head.observedAt());
    }

    /**
     * Removes the stored fragments of source records and re-computes their profiles (which may split, or go when it was
     * the last fragment). Leaves tombstones: a version observed at or before the removed one changes nothing later
     * (without send times; see {@link #remove(String, List, Instant)} for removals that have one).
     */
    @Override
    public MergeResult remove(String source, List<String> sourceRecordIds) {
        return remove(source, sourceRecordIds, null);
    }

    /**
     * As {@link #remove(String, List)}; the tombstones also keep out versions sent up to {@code sentAt} (when the
     * removal was put on the queue), and an unknown record gets one too, so that a fragment the removal overtook does
     * not bring the record back.
     */
    @Override
    public MergeResult remove(String source, List<String> sourceRecordIds, Instant sentAt) {
        Objects.requireNonNull(source, "source");
        List<FragmentKey> keys = sourceRecordIds.stream().distinct()
                .map(id -> new FragmentKey(source, Objects.requireNonNull(id, "sourceRecordId"))).toList();
        return StoreLock.write(dataSource, c -> PendingChangeTable.record(c, remove(c, keys, sentAt, false), now()));
    }

    /** Removes fragments whose expiry has passed, oldest expiry first, at most {@code max} in one transaction. */
    @Override
    public MergeResult expire(int max) {
        return StoreLock.write(dataSource,
                c -> PendingChangeTable.record(c, remove(c, FragmentTable.expired(c, now(), max), null, true), now()));
    }

    /**
     * Deletes up to {@code max} tombstones of expired records that are due ({@link TombstoneTable#FORGET_AFTER} after
     * the expired version's observation): by then every version they keep out that has an expiry has expired as
     * well, and the merge stores none whose expiry has passed. Takes the store lock only when one is due.
     */
    @Override
    public int forgetTombstones(int max) {
        Instant now = now();
        if (!Jdbc.read(dataSource, c -> TombstoneTable.anyToForget(c, now))) {
            return 0; // the usual case: no store lock taken
        }
        return StoreLock.write(dataSource, c -> TombstoneTable.forget(c, now, max));
    }

    /** @param expired the records expired: their tombstones are forgotten in time ({@link #forgetTombstones}) */
    private MergeResult remove(Connection c, List<FragmentKey> keys, Instant sentAt, boolean expired)
            throws SQLException {
        Map<FragmentKey, StoredHead> heads = FragmentTable.heads(c, keys);
        int unknown = keys.size() - heads.size();
        Instant now = now();
        if (sentAt != null) {
            keepOut(c, keys.stream().filter(key -> !heads.containsKey(key)).toList(), sentAt, now);
        }
        if (heads.isEmpty()) {
            return new MergeResult(List.of(), List.of(), unknown, List.of());
        }
        List<FragmentKey> stored = keys.stream().filter(heads::containsKey).toList();
        Set<String> heldBefore = new LinkedHashSet<>();
        GraphEdits.identifierKeysOf(c, heads.values().stream().map(StoredHead::profileId).toList()).values()
                .forEach(heldBefore::addAll);
        MergeResult result = new GraphUpdate(c, rules, matching, newIds, now).apply(List.of(), stored, heads, unknown,
                List.of());
        // a record back after an earlier removal still has its tombstone: a removal with a send time keeps the later
        // one, and so does an expiry (its expired version, sent after that removal, stays out when redelivered, as it
        // has expired); a removal without one (an older hub's message) keeps out by the removed version alone
        Map<FragmentKey, Tombstone> before = sentAt == null && !expired ? Map.of() : TombstoneTable.of(c, stored);
        Map<FragmentKey, Tombstone> tombstones = new java.util.LinkedHashMap<>();
        stored.forEach(key -> tombstones.put(key, new Tombstone(heads.get(key).observedAt(),
                before.getOrDefault(key, new Tombstone(null, null)).andSentAt(sentAt).sentAt())));
        TombstoneTable.putAll(c, tombstones, now, expired);
        return MergeResults.then(result, relink(c, heldBefore, now));
    }

    /**
     * Tombstones for records removed before any version of them was stored: versions sent up to {@code sentAt} stay
     * out. A record's tombstone only ever keeps out more.
     */
    private static void keepOut(Connection c, List<FragmentKey> unknown, Instant sentAt, Instant now)
            throws SQLException {
        if (unknown.isEmpty()) {
            return;
        }
        Map<FragmentKey, Tombstone> before = TombstoneTable.of(c, unknown);
        Map<FragmentKey, Tombstone> after = new java.util.LinkedHashMap<>();
        for (FragmentKey key : unknown) {
            Tombstone was = before.getOrDefault(key, new Tombstone(null, null));
            Tombstone widened = was.andSentAt(sentAt);
            if (widened != was) {
                after.put(key, widened);
            }
        }
        if (!after.isEmpty()) {
            TombstoneTable.putAll(c, after, now);
        }
    }

    /**
     * Decides again the identifiers that stored fragments dropped because a profile held them or a limit was reached,
     * for the identifiers in {@code heldBefore} that no profile holds any more (the fragment holding it was erased or
     * expired): those fragments are merged again as they are, in the same transaction, and may now link them.
     */
    private MergeResult relink(Connection c, Set<String> heldBefore, Instant now) throws SQLException {
        Set<String> released = new LinkedHashSet<>(heldBefore);
        released.removeAll(IdentifierTable.owners(c, heldBefore).keySet());
        if (released.isEmpty()) {
            return null;
        }
        Set<FragmentKey> keys = DroppedIdentifierTable.fragmentsDropping(c, released, Linkable.INVALID);
        if (keys.isEmpty()) {
            return null;
        }
        BatchPreparer.Prepared prepared = preparer.prepare(List.copyOf(FragmentTable.bodies(c, keys).values()));
        return new GraphUpdate(c, rules, matching, newIds, now).apply(prepared.candidates(), List.of(),
                FragmentTable.heads(c, keys), 0, List.of());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what timestamp columns keep
    }
}
