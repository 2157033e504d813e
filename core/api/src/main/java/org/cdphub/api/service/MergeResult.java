package org.cdphub.api.service;

import java.util.List;
import org.cdphub.api.model.Fragment;

/**
 * What one merge of a batch of fragments (or one removal) changed.
 *
 * @param changedProfileIds profiles created or changed, after merging, including profiles split off and profiles that
 *                          were removed because no fragment was left (see {@code removedProfileIds}); segments are
 *                          re-evaluated for all of them
 * @param absorbed          profiles that were merged into another one and now live on as aliases
 * @param unchanged         fragments that changed nothing (redelivered or older than the stored version)
 * @param rejected          fragments the engine refused, with the reason
 * @param splits            profiles that fell apart because the fragment or identifier that joined them went away
 * @param unlinked          identifiers of the merged fragments that link nothing (blocked placeholders, identifiers
 *                          dropped to respect a per-type limit), with the reason
 * @param removedProfileIds profiles deleted because their last fragment was removed
 * @param pendingChange     the store's record of what changed (changed and absorbed profiles), written in the same
 *                          transaction, to acknowledge with {@link PendingChanges#announced} once the change has
 *                          been announced; 0 when nothing changed or the implementation keeps none
 */
public record MergeResult(List<String> changedProfileIds, List<Absorbed> absorbed, int unchanged,
        List<Rejected> rejected, List<Split> splits, List<UnlinkedIdentifier> unlinked,
        List<String> removedProfileIds, long pendingChange) {

    public MergeResult {
        changedProfileIds = List.copyOf(changedProfileIds);
        absorbed = List.copyOf(absorbed);
        rejected = List.copyOf(rejected);
        splits = splits == null ? List.of() : List.copyOf(splits);
        unlinked = unlinked == null ? List.of() : List.copyOf(unlinked);
        removedProfileIds = removedProfileIds == null ? List.of() : List.copyOf(removedProfileIds);
    }

    /** A result with no pending change recorded. */
    public MergeResult(List<String> changedProfileIds, List<Absorbed> absorbed, int unchanged,
            List<Rejected> rejected, List<Split> splits, List<UnlinkedIdentifier> unlinked,
            List<String> removedProfileIds) {
        this(changedProfileIds, absorbed, unchanged, rejected, splits, unlinked, removedProfileIds, 0);
    }

    /** A result without splits, unlinked identifiers or removals (the shape of the first engine). */
    public MergeResult(List<String> changedProfileIds, List<Absorbed> absorbed, int unchanged,
            List<Rejected> rejected) {
        this(changedProfileIds, absorbed, unchanged, rejected, List.of(), List.of(), List.of(), 0);
    }

    /** Whether profiles changed or were absorbed: what segments must see. */
    public boolean changesProfiles() {
        return !changedProfileIds.isEmpty() || !absorbed.isEmpty();
    }

    /** This result with the id of the pending change recorded for it. */
    public MergeResult withPendingChange(long id) {
        return new MergeResult(changedProfileIds, absorbed, unchanged, rejected, splits, unlinked, removedProfileIds,
                id);
    }

    /** A profile merged into {@code survivorId}, with the segments it was a member of until then. */
    public record Absorbed(String profileId, String survivorId, List<String> segments) {
    }

    /** A fragment the engine refused. */
    public record Rejected(Fragment fragment, String reason) {
    }

    /**
     * A profile whose fragments no longer form one connected group: {@code profileId} stays with the largest part
     * (on equal size, the part with the oldest fragment), every other part got a new profile, listed here.
     */
    public record Split(String profileId, List<String> newProfileIds) {

        public Split {
            newProfileIds = List.copyOf(newProfileIds);
        }
    }
}
