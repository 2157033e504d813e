package org.cdphub.matching.internal.model;

import java.util.ArrayList;
import java.util.List;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.FieldContribution;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.api.MatchResult;
import org.cdphub.matching.api.Matcher;
import org.cdphub.matching.api.PersonRecord;
import org.cdphub.matching.internal.compare.FieldComparator;
import org.cdphub.matching.internal.compare.Levels;
import org.cdphub.matching.internal.compare.Prepared;

/** The {@link Matcher} of the public API: normalises both records, compares every scored field, sums the weights. */
public final class FellegiSunterMatcher implements Matcher {
    private final Weights weights;

    public FellegiSunterMatcher(MatchModel model) {
        this.weights = new Weights(model);
    }

    @Override
    public MatchModel model() {
        return weights.model();
    }

    @Override
    public double score(PersonRecord a, PersonRecord b) {
        return weights.score(Prepared.of(a), Prepared.of(b));
    }

    @Override
    public MatchResult match(PersonRecord a, PersonRecord b) {
        Prepared pa = Prepared.of(a);
        Prepared pb = Prepared.of(b);
        byte[] levels = new byte[Field.SCORED_COUNT];
        FieldComparator.compareAll(pa, pb, levels);
        List<FieldContribution> contributions = new ArrayList<>(Field.SCORED_COUNT);
        double[] counted = weights.contributions(levels);
        for (int f = 0; f < Field.SCORED_COUNT; f++) {
            Field field = Field.values()[f];
            contributions.add(new FieldContribution(field, Levels.of(levels[f]), counted[f], pa.get(field),
                    pb.get(field)));
        }
        return new MatchResult(weights.score(levels), weights.threshold(), Weights.vetoed(levels), contributions);
    }
}
