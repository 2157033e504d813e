package org.cdphub.matching.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.Random;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.Level;
import org.cdphub.matching.api.MatchModel;
import org.junit.jupiter.api.Test;

class EmEstimatorTest {
    private static final int F = Field.SCORED_COUNT;

    @Test
    void recoversKnownMAndUFromUnlabelledVectors() {
        // true parameters: matches mostly agree, non-matches mostly disagree; 20% of pairs are matches
        double[] m = {0.85, 0.08, 0.04, 0.03};
        double[] u = {0.02, 0.03, 0.05, 0.90};
        double share = 0.2;
        Random r = new Random(3);
        EmEstimator em = new EmEstimator();
        byte[] levels = new byte[F];
        for (int i = 0; i < 50_000; i++) {
            boolean match = r.nextDouble() < share;
            for (int f = 0; f < F; f++) {
                levels[f] = r.nextDouble() < 0.1 ? 0 : draw(match ? m : u, r);
            }
            em.add(levels);
        }
        double[][] uStart = new double[F][];
        for (int f = 0; f < F; f++) {
            uStart[f] = new double[] {0.1, 0.1, 0.1, 0.7};
        }
        EmEstimator.Result result = em.estimate(MatchModel.defaults(), uStart, 0.5, 500, 1e-7, EnumSet.noneOf(Field.class));

        assertThat(result.converged()).isTrue();
        assertThat(result.matchShare()).isCloseTo(share, within(0.01));
        for (Field f : Field.values()) {
            if (f.scored()) {
                for (int l = 0; l < 4; l++) {
                    assertThat(result.model().m(f, Level.SCORED[l])).as("m %s %s", f, l).isCloseTo(m[l], within(0.03));
                    assertThat(result.model().u(f, Level.SCORED[l])).as("u %s %s", f, l).isCloseTo(u[l], within(0.03));
                }
            }
        }
    }

    private static byte draw(double[] p, Random r) {
        double x = r.nextDouble();
        for (int l = 0; l < p.length; l++) {
            x -= p[l];
            if (x < 0) {
                return (byte) (l + 1);
            }
        }
        return (byte) p.length;
    }
}
