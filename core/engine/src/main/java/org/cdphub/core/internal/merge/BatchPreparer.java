package org.cdphub.core.internal.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.rules.BlockedValues;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.StoreTimes;

/**
 * First step of a merge, without the store: normalises and de-duplicates each fragment's identifiers, marks blocked
 * placeholder values (kept in the fragment, but they link nothing; a placeholder that is not even valid, such as phone
 * {@code 0} or an empty e-mail, is kept as written) and identifiers that are not valid for their type (kept as written,
 * they link nothing, reported as {@link UnlinkedIdentifier.Kind#INVALID}, so that one mistyped phone number does not
 * cost the whole record), rejects fragments whose identifiers are all invalid, that have keys too long for the store
 * or that hold times outside the years 1 to 9999, and keeps only the latest fragment per
 * {@code (source, sourceRecordId)} within the batch (on equal {@code observedAt} the later one in the batch wins), and
 * the others of a record whose versions were sent at different times as alternates, should a removal keep it out.
 */
final class BatchPreparer {

    static final int MAX_SOURCE = 200;
    static final int MAX_RECORD_ID = 500;
    static final int MAX_ID_TYPE = 100;
    static final int MAX_ID_KEY = 600;
    /**
     * Batches of at least this many fragments are prepared on several cores: bulk intake's calls of 500 to 1,000
     * fragments. Smaller ones, such as a tracking stream's, stay on the calling thread, where forking costs more than
     * it saves when every core is busy.
     */
    static final int PARALLEL_FROM = 500;

    /**
     * Outcome: fragments to merge (in batch order), rejected ones, and how many were superseded within the batch; and,
     * for records with versions sent at different times, the superseded versions, best first (newest observation,
     * later in the batch on a tie), in case a removal keeps the chosen one out.
     */
    record Prepared(List<Candidate> candidates, List<MergeResult.Rejected> rejected, int superseded,
            Map<FragmentKey, List<Candidate>> alternates) {
    }

    private final IdentifierNormalizer normalizer;
    private final BlockedValues blockedValues;

    BatchPreparer(IdentifierNormalizer normalizer, BlockedValues blockedValues) {
        this.normalizer = normalizer;
        this.blockedValues = blockedValues;
    }

    Prepared prepare(List<Fragment> fragments) {
        return prepare(fragments, null);
    }

    /** @param sentAt when each fragment was sent to the hub (null where unknown), or null for all */
    Prepared prepare(List<Fragment> fragments, List<Instant> sentAt) {
        // normalising and hashing is pure CPU per fragment: a large batch is spread over the cores (the merge stage's
        // one thread is the limit of intake, docs/benchmarks.md); the outcomes keep the batch's order
        List<One> outcomes = (fragments.size() >= PARALLEL_FROM ? fragments.parallelStream() : fragments.stream())
                .map(this::prepareOne).toList();
        List<MergeResult.Rejected> rejected = new ArrayList<>();
        Map<FragmentKey, Candidate> latest = new LinkedHashMap<>();
        Map<FragmentKey, List<Candidate>> alternates = new HashMap<>();
        int superseded = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            One outcome = outcomes.get(i);
            if (outcome.error() != null) {
                rejected.add(new MergeResult.Rejected(outcome.fragment(), outcome.error()));
                continue;
            }
            Candidate candidate = sentAt == null ? outcome.candidate() : outcome.candidate().sentAt(sentAt.get(i));
            FragmentKey key = candidate.key();
            Candidate previous = latest.get(key);
            if (previous != null) {
                superseded++;
                if (!Objects.equals(previous.sentAt(), candidate.sentAt())) {
                    alternates.computeIfAbsent(key, k -> new ArrayList<>(List.of(previous))).add(candidate);
                } else if (alternates.containsKey(key)) {
                    alternates.get(key).add(candidate);
                }
                if (candidate.fragment().observedAt().isBefore(previous.fragment().observedAt())) {
                    continue;
                }
                latest.remove(key);
            }
            latest.put(key, candidate);
        }
        alternates.replaceAll((key, versions) -> best(versions, latest.get(key)));
        return new Prepared(List.copyOf(latest.values()), rejected, superseded, alternates);
    }

    /** The versions of one record other than {@code chosen}, best first: newest observation, later in the batch. */
    private static List<Candidate> best(List<Candidate> versions, Candidate chosen) {
        List<Candidate> others = new ArrayList<>(versions);
        Collections.reverse(others); // later in the batch first, kept by the stable sort on a tie
        others.remove(chosen);
        others.sort(Comparator.comparing((Candidate v) -> v.fragment().observedAt()).reversed());
        return List.copyOf(others);
    }

    /** One fragment's outcome: its candidate, or why it is refused (then {@code fragment} may be null). */
    private record One(Fragment fragment, Candidate candidate, String error) {
    }

    /** Normalises and hashes one fragment; pure, so fragments can be prepared in parallel. */
    private One prepareOne(Fragment fragment) {
        if (fragment == null) {
            return new One(null, null, "no fragment (null in the batch)");
        }
        List<String> errors = new ArrayList<>();
        List<UnlinkedIdentifier> unlinked = new ArrayList<>();
        Fragment normalized = normalize(fragment, errors, unlinked);
        if (!errors.isEmpty()) {
            return new One(fragment, null, String.join("; ", errors));
        }
        return new One(fragment, Candidate.of(normalized, new FragmentKey(fragment.source(), fragment.sourceRecordId()),
                unlinked), null);
    }

    private Fragment normalize(Fragment fragment, List<String> errors, List<UnlinkedIdentifier> unlinked) {
        if (fragment.source().isBlank() || fragment.source().length() > MAX_SOURCE) {
            errors.add("source must be 1 to " + MAX_SOURCE + " characters, got '" + fragment.source() + "'");
        }
        if (fragment.sourceRecordId().isBlank() || fragment.sourceRecordId().length() > MAX_RECORD_ID) {
            errors.add("sourceRecordId must be 1 to " + MAX_RECORD_ID + " characters");
        }
        checkTimes(fragment, errors);
        Set<Identifier> identifiers = new LinkedHashSet<>();
        Map<Identifier, UnlinkedIdentifier> unlinkedById = new LinkedHashMap<>();
        List<String> invalid = new ArrayList<>();
        for (Identifier raw : fragment.identifiers()) {
            String trimmed = raw.value().strip();
            Normalized result = normalizer.normalize(raw.type(), trimmed);
            Identifier identifier = result.isValid() ? result.identifier()
                    : new Identifier(raw.type(), raw.type().equals(IdentifierTypes.EMAIL)
                            ? trimmed.toLowerCase(Locale.ROOT) : trimmed);
            Optional<String> placeholder = blockedValues.reason(identifier.type(), identifier.value());
            if (placeholder.isEmpty() && !(identifier.value().equals(trimmed) && identifier.type().equals(raw.type()))) {
                placeholder = blockedValues.reason(raw.type(), trimmed); // as written, when normalising changed it
            }
            if (identifier.type().length() > MAX_ID_TYPE || identifier.key().length() > MAX_ID_KEY) {
                errors.add("identifier too long (type at most " + MAX_ID_TYPE + ", type:value at most " + MAX_ID_KEY
                        + " characters): " + abbreviate(identifier.key()));
                continue;
            }
            identifiers.add(identifier);
            if (placeholder.isPresent()) {
                unlinkedById.putIfAbsent(identifier, new UnlinkedIdentifier(fragment.source(),
                        fragment.sourceRecordId(), identifier, UnlinkedIdentifier.Kind.BLOCKED, placeholder.get()));
            } else if (!result.isValid()) {
                invalid.add(result.error());
                unlinkedById.putIfAbsent(identifier, new UnlinkedIdentifier(fragment.source(),
                        fragment.sourceRecordId(), identifier, UnlinkedIdentifier.Kind.INVALID, result.error()));
            }
        }
        if (!invalid.isEmpty() && identifiers.size() == unlinkedById.size()
                && unlinkedById.values().stream().noneMatch(u -> u.kind() == UnlinkedIdentifier.Kind.BLOCKED)) {
            errors.addAll(invalid); // nothing valid is left to know the record by
        }
        unlinked.addAll(unlinkedById.values());
        return new Fragment(fragment.source(), fragment.sourceRecordId(), StoreTimes.toMicros(fragment.observedAt()),
                List.copyOf(identifiers), fragment.traits(), consentsToMicros(fragment.consents()),
                eventsToMicros(fragment.events()), fragment.provenance(), StoreTimes.toMicros(fragment.expiresAt()));
    }

    /** The events, with their times to the microsecond (the same list when they are already). */
    private static List<Event> eventsToMicros(List<Event> events) {
        if (events.stream().allMatch(e -> e.occurredAt() == null || e.occurredAt().getNano() % 1_000 == 0)) {
            return events;
        }
        return events.stream().map(e -> new Event(e.type(), StoreTimes.toMicros(e.occurredAt()), e.source(),
                e.sourceEventId(), e.properties())).toList();
    }

    /** The consents, with their times to the microsecond (the same list when they are already). */
    private static List<Consent> consentsToMicros(List<Consent> consents) {
        if (consents.stream().allMatch(c -> c.updatedAt() == null || c.updatedAt().getNano() % 1_000 == 0)) {
            return consents;
        }
        return consents.stream().map(c -> new Consent(c.purpose(), c.channel(), c.status(),
                StoreTimes.toMicros(c.updatedAt()), c.source())).toList();
    }

    /**
     * Refuses times the store cannot hold ({@link StoreTimes}): a mistyped year in one record ("20240-01-31") would
     * otherwise fail the insert of every record merged with it.
     */
    private static void checkTimes(Fragment fragment, List<String> errors) {
        checkTime("observedAt", fragment.observedAt(), errors);
        checkTime("expiresAt", fragment.expiresAt(), errors);
        for (Event event : fragment.events()) {
            if (checkTime("an event's occurredAt", event.occurredAt(), errors)) {
                break;
            }
        }
        for (Consent consent : fragment.consents()) {
            if (checkTime("a consent's updatedAt", consent.updatedAt(), errors)) {
                break;
            }
        }
    }

    /** Adds an error and returns true when {@code time} is outside what the store holds; null is fine. */
    private static boolean checkTime(String what, Instant time, List<String> errors) {
        if (StoreTimes.holds(time)) {
            return false;
        }
        errors.add(what + " must be in the years 1 to 9999, got " + time);
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
