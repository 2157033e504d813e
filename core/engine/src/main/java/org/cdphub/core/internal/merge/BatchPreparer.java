package org.cdphub.core.internal.merge;

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
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.rules.BlockedValues;
import org.cdphub.core.internal.store.FragmentKey;

/**
 * First step of a merge, without the store: normalises and de-duplicates each fragment's identifiers, marks blocked
 * placeholder values (kept in the fragment, but they link nothing; a placeholder that is not even valid, such as phone
 * {@code 0} or an empty e-mail, is kept as written) and identifiers that are not valid for their type (kept as written,
 * they link nothing, reported as {@link UnlinkedIdentifier.Kind#INVALID}, so that one mistyped phone number does not
 * cost the whole record), rejects fragments whose identifiers are all invalid or that have keys too long for the
 * store, and keeps only the latest fragment per {@code (source, sourceRecordId)} within the batch (on equal
 * {@code observedAt} the later one in the batch wins).
 */
final class BatchPreparer {

    static final int MAX_SOURCE = 200;
    static final int MAX_RECORD_ID = 500;
    static final int MAX_ID_TYPE = 100;
    static final int MAX_ID_KEY = 600;

    /** Outcome: fragments to merge (in batch order), rejected ones, and how many were superseded within the batch. */
    record Prepared(List<Candidate> candidates, List<MergeResult.Rejected> rejected, int superseded) {
    }

    private final IdentifierNormalizer normalizer;
    private final BlockedValues blockedValues;

    BatchPreparer(IdentifierNormalizer normalizer, BlockedValues blockedValues) {
        this.normalizer = normalizer;
        this.blockedValues = blockedValues;
    }

    Prepared prepare(List<Fragment> fragments) {
        List<MergeResult.Rejected> rejected = new ArrayList<>();
        Map<FragmentKey, Candidate> latest = new LinkedHashMap<>();
        int superseded = 0;
        for (Fragment fragment : fragments) {
            if (fragment == null) {
                rejected.add(new MergeResult.Rejected(null, "no fragment (null in the batch)"));
                continue;
            }
            List<String> errors = new ArrayList<>();
            List<UnlinkedIdentifier> unlinked = new ArrayList<>();
            Fragment normalized = normalize(fragment, errors, unlinked);
            if (!errors.isEmpty()) {
                rejected.add(new MergeResult.Rejected(fragment, String.join("; ", errors)));
                continue;
            }
            FragmentKey key = new FragmentKey(fragment.source(), fragment.sourceRecordId());
            Candidate candidate = Candidate.of(normalized, key, unlinked);
            Candidate previous = latest.get(key);
            if (previous != null) {
                superseded++;
                if (normalized.observedAt().isBefore(previous.fragment().observedAt())) {
                    continue;
                }
                latest.remove(key);
            }
            latest.put(key, candidate);
        }
        return new Prepared(List.copyOf(latest.values()), rejected, superseded);
    }

    private Fragment normalize(Fragment fragment, List<String> errors, List<UnlinkedIdentifier> unlinked) {
        if (fragment.source().isBlank() || fragment.source().length() > MAX_SOURCE) {
            errors.add("source must be 1 to " + MAX_SOURCE + " characters, got '" + fragment.source() + "'");
        }
        if (fragment.sourceRecordId().isBlank() || fragment.sourceRecordId().length() > MAX_RECORD_ID) {
            errors.add("sourceRecordId must be 1 to " + MAX_RECORD_ID + " characters");
        }
        Set<Identifier> identifiers = new LinkedHashSet<>();
        Map<Identifier, UnlinkedIdentifier> unlinkedById = new LinkedHashMap<>();
        List<String> invalid = new ArrayList<>();
        for (Identifier raw : fragment.identifiers()) {
            String trimmed = raw.value().strip();
            Normalized result = normalizer.normalize(raw.type(), trimmed);
            Identifier identifier = result.isValid() ? result.identifier()
                    : new Identifier(raw.type(), raw.type().equals(IdentifierTypes.EMAIL)
                            ? trimmed.toLowerCase(Locale.ROOT) : trimmed);
            Optional<String> placeholder = blockedValues.reason(identifier.type(), identifier.value())
                    .or(() -> blockedValues.reason(raw.type(), trimmed));
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
        return new Fragment(fragment.source(), fragment.sourceRecordId(), fragment.observedAt(),
                List.copyOf(identifiers), fragment.traits(), fragment.consents(), fragment.events(),
                fragment.provenance(), fragment.expiresAt());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
