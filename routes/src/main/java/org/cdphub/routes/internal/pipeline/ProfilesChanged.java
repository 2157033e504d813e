package org.cdphub.routes.internal.pipeline;

import java.util.List;
import org.cdphub.api.service.MergeResult;

/** Message from the merge stage to the segment stage: which profiles a merge changed or absorbed. */
public record ProfilesChanged(List<String> profileIds, List<MergeResult.Absorbed> absorbed) {

    public ProfilesChanged {
        profileIds = profileIds == null ? List.of() : List.copyOf(profileIds);
        absorbed = absorbed == null ? List.of() : List.copyOf(absorbed);
    }

    public boolean isEmpty() {
        return profileIds.isEmpty() && absorbed.isEmpty();
    }
}
