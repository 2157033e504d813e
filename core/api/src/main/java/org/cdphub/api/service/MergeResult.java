package org.cdphub.api.service;

import java.util.List;
import org.cdphub.api.model.Fragment;

/**
 * What one merge of a batch of fragments changed.
 *
 * @param changedProfileIds profiles created or changed, after merging
 * @param absorbed          profiles that were merged into another one and now live on as aliases
 * @param unchanged         fragments that changed nothing (redelivered or older than the stored version)
 * @param rejected          fragments the engine refused, with the reason
 */
public record MergeResult(List<String> changedProfileIds, List<Absorbed> absorbed, int unchanged,
        List<Rejected> rejected) {

    public MergeResult {
        changedProfileIds = List.copyOf(changedProfileIds);
        absorbed = List.copyOf(absorbed);
        rejected = List.copyOf(rejected);
    }

    /** A profile merged into {@code survivorId}, with the segments it was a member of until then. */
    public record Absorbed(String profileId, String survivorId, List<String> segments) {
    }

    /** A fragment the engine refused. */
    public record Rejected(Fragment fragment, String reason) {
    }
}
