package org.cdphub.matching.internal.resolve;

import java.util.List;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.internal.block.BlockingRule;

/**
 * Settings of a bulk resolution.
 *
 * @param fixedModel    m/u weights to use as they are; null to estimate them by EM from the data
 * @param threshold     match threshold in bits; null for the model's
 * @param linkThreshold average-link threshold for joining clusters; null for the match threshold
 * @param blockCap      blocks with more records than this are skipped
 * @param emSamplePairs about how many candidate pairs EM learns from
 */
public record ResolveOptions(MatchModel fixedModel, Double threshold, Double linkThreshold, int blockCap,
                             int emSamplePairs, List<BlockingRule> rules) {
    public static final int DEFAULT_BLOCK_CAP = 200;
    public static final int DEFAULT_EM_SAMPLE = 500_000;

    public static ResolveOptions defaults() {
        return new ResolveOptions(null, null, null, DEFAULT_BLOCK_CAP, DEFAULT_EM_SAMPLE,
                List.of(BlockingRule.values()));
    }

    public ResolveOptions withFixedModel(MatchModel model) {
        return new ResolveOptions(model, threshold, linkThreshold, blockCap, emSamplePairs, rules);
    }

    public ResolveOptions withThreshold(Double t) {
        return new ResolveOptions(fixedModel, t, linkThreshold, blockCap, emSamplePairs, rules);
    }

    public ResolveOptions withLinkThreshold(Double t) {
        return new ResolveOptions(fixedModel, threshold, t, blockCap, emSamplePairs, rules);
    }

    public ResolveOptions withBlockCap(int cap) {
        return new ResolveOptions(fixedModel, threshold, linkThreshold, cap, emSamplePairs, rules);
    }
}
