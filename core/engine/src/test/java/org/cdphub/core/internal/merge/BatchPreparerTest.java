package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.junit.jupiter.api.Test;

class BatchPreparerTest {

    private final BatchPreparer preparer = new BatchPreparer(new IdentifierNormalizer("NL"),
            ResolutionRules.defaults().identity().blocked());

    /**
     * A batch large enough to be prepared on several cores gives what preparing it in order gives: refusals in batch
     * order, one candidate per source record (the latest observed; on a tie the later in the batch), in the order of
     * the batch, and the count of superseded versions.
     */
    @Test
    void aLargeBatchIsPreparedAsInBatchOrder() {
        List<Fragment> batch = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            if (i % 50 == 7) {
                batch.add(null);
            } else if (i % 37 == 5) {
                batch.add(fragment("crm", "bad-" + i, T0).email("not an e-mail " + i).build());
            } else {
                int record = i % 200; // three versions of most records, observed out of order now and then
                batch.add(fragment("crm", "r" + record, T0.plusSeconds(i % 3 == 0 ? -i : i))
                        .email("p" + record + "-" + i + "@example.com").build());
            }
        }
        assertThat(batch.size()).isGreaterThanOrEqualTo(BatchPreparer.PARALLEL_FROM);

        BatchPreparer.Prepared prepared = preparer.prepare(batch);

        // the expectation, in batch order
        List<String> refused = new ArrayList<>();
        Map<String, Fragment> latest = new LinkedHashMap<>();
        int superseded = 0;
        for (Fragment f : batch) {
            if (f == null || f.sourceRecordId().startsWith("bad-")) {
                refused.add(f == null ? null : f.sourceRecordId());
                continue;
            }
            Fragment previous = latest.get(f.sourceRecordId());
            if (previous != null) {
                superseded++;
                if (f.observedAt().isBefore(previous.observedAt())) {
                    continue;
                }
                latest.remove(f.sourceRecordId());
            }
            latest.put(f.sourceRecordId(), f);
        }
        assertThat(prepared.rejected()).extracting(r -> r.fragment() == null ? null : r.fragment().sourceRecordId())
                .containsExactlyElementsOf(refused);
        assertThat(prepared.rejected()).filteredOn(r -> r.fragment() == null)
                .extracting(MergeResult.Rejected::reason).containsOnly("no fragment (null in the batch)");
        assertThat(prepared.candidates()).extracting(c -> c.key().sourceRecordId())
                .containsExactlyElementsOf(latest.keySet());
        assertThat(prepared.candidates()).extracting(c -> c.fragment().identifiers().get(0).value())
                .containsExactlyElementsOf(latest.values().stream().map(f -> f.identifiers().get(0).value()).toList());
        assertThat(prepared.superseded()).isEqualTo(superseded);
        assertThat(prepared.candidates()).allSatisfy(c -> assertThat(c.hash()).isEqualTo(hash(c.fragment())));
    }

    private static String hash(org.cdphub.api.model.Fragment fragment) {
        return ContentHash.canonical(fragment).hash();
    }
}
