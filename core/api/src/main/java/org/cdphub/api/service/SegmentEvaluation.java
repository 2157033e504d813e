package org.cdphub.api.service;

import java.util.Collection;
import java.util.List;
import org.cdphub.api.model.MembershipChange;

/** Keeps segment membership current. */
public interface SegmentEvaluation {

    /**
     * Re-evaluates every segment for these profiles, stores the new memberships and returns the changes, including the
     * exits of profiles absorbed by a merge.
     */
    List<MembershipChange> evaluate(Collection<String> profileIds, List<MergeResult.Absorbed> absorbed);

    /** The configured segments. */
    List<SegmentInfo> segments();
}
