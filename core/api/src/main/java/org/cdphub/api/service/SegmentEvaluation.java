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

    /**
     * Re-evaluates up to {@code max} profiles that are due without new data: a time-dependent condition (an event
     * window, a birthday, days since the last order) may have flipped, or the definitions changed. Call again while
     * it returns changes or until nothing is due; an empty result means nothing was due or nothing changed.
     */
    default List<MembershipChange> evaluateDue(int max) {
        return List.of();
    }

    /**
     * Whether a full evaluation is under way: after a definition was added or changed, every profile is evaluated
     * again for it, page by page ({@link #evaluateDue}); until then its member count is still growing.
     */
    default boolean fullEvaluationPending() {
        return false;
    }

    /** The defined segments. */
    List<SegmentInfo> segments();

    /** Problems of definition files that are not active (each {@code file:line: problem}); empty when all load. */
    default List<String> problems() {
        return List.of();
    }

    /** Up to {@code limit} members of a segment, most recent entry first; empty for an unknown segment. */
    default List<SegmentMember> members(String segment, int limit) {
        return List.of();
    }

    /**
     * A dry run of a definition (YAML or JSON text, {@code fileName} for messages and the format) against every
     * stored profile: how many would be members now, and a sample. Nothing is stored.
     *
     * @throws IllegalArgumentException with {@code file:line: problem} when the definition does not parse
     */
    default SegmentPreview preview(String fileName, String text, int sample) {
        throw new UnsupportedOperationException("this segment evaluation has no preview");
    }
}
