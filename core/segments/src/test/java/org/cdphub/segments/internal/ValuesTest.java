package org.cdphub.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Numeric comparisons without decimals ({@link Values#primitiveOrder}) give the order the decimal comparison gives, for
 * every pair they take on: edge values and random numbers of each kind, against {@code decimal(a).compareTo(decimal(b))}.
 */
class ValuesTest {

    @Test
    void primitiveOrderAgreesWithTheDecimalOrderWheneverItDecides() {
        List<Object> values = new ArrayList<>(List.of(0, -0.0, 0.0, 1, -1, 1L << 53, (1L << 53) + 1, -(1L << 53),
                -(1L << 53) - 1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, 0.1, 0.2, 0.3,
                0.1 + 0.2, 1e300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, 9007199254740992.0,
                9007199254740993.0, 2.5f, 0.1f, (short) 7, (byte) -3, 50.0, 100.0, 7.0, 2e23, 1e22, 1e23));
        Random random = new Random(5);
        for (int i = 0; i < 3_000; i++) {
            long l = random.nextLong() >> random.nextInt(64);
            values.add(l);
            values.add((int) l);
            values.add((double) l);
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) * (random.nextBoolean() ? 1 : -1));
            values.add(Math.round(random.nextDouble() * 1000) / 4.0);
            values.add((float) random.nextGaussian());
        }
        int decided = 0;
        for (int i = 0; i < 300_000; i++) {
            Object a = values.get(random.nextInt(values.size()));
            Object b = random.nextInt(4) == 0 ? a : values.get(random.nextInt(values.size()));
            Integer fast = Values.primitiveOrder(a, b);
            if (fast != null) {
                decided++;
                BigDecimal x = Values.decimal(a);
                BigDecimal y = Values.decimal(b);
                assertThat(fast).as("%s (%s) against %s (%s)", a, a.getClass().getSimpleName(), b,
                        b.getClass().getSimpleName()).isEqualTo(Integer.signum(x.compareTo(y)));
            }
        }
        assertThat(decided).isGreaterThan(200_000);
    }

    @Test
    void pairsItCannotDecideExactlyAreLeftToTheDecimals() {
        assertThat(Values.primitiveOrder((1L << 53) + 1, 9007199254740992.0)).isNull();
        assertThat(Values.primitiveOrder(Double.NaN, 1)).isNull();
        assertThat(Values.primitiveOrder(Double.POSITIVE_INFINITY, 1.0)).isNull();
        assertThat(Values.primitiveOrder(1.5, new BigDecimal("1.5"))).isNull();
        assertThat(Values.primitiveOrder("2", 1)).isNull();
        assertThat(Values.compare((1L << 53) + 1, 9007199254740992.0)).isEqualTo(1); // decided by the decimals
        assertThat(Values.same(-0.0, 0, false)).isTrue();
        assertThat(Values.same(0.1 + 0.2, 0.3, false)).isFalse();
        assertThat(Values.compare(Double.NaN, 1)).isNull();
    }
}
