package org.cdphub.core.internal.merge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cdphub.api.service.MergeResult;

/** Joins the results of two graph updates made one after the other in one transaction. Pure. */
final class MergeResults {

    private MergeResults() {
    }

    /**
     * {@code first} followed by {@code then} (null: nothing more): profiles that {@code then} absorbed or removed are
     * reported as such, not as changed.
     */
    static MergeResult then(MergeResult first, MergeResult then) {
        if (then == null) {
            return first;
        }
        Set<String> gone = new LinkedHashSet<>(then.removedProfileIds());
        then.absorbed().forEach(a -> gone.add(a.profileId()));
        Set<String> changed = new LinkedHashSet<>();
        first.changedProfileIds().stream().filter(id -> !gone.contains(id)
                || then.removedProfileIds().contains(id)).forEach(changed::add);
        changed.addAll(then.changedProfileIds());
        return new MergeResult(List.copyOf(changed), concat(first.absorbed(), then.absorbed()), first.unchanged(),
                concat(first.rejected(), then.rejected()), concat(first.splits(), then.splits()),
                concat(first.unlinked(), then.unlinked()),
                List.copyOf(new LinkedHashSet<>(concat(first.removedProfileIds(), then.removedProfileIds()))));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
