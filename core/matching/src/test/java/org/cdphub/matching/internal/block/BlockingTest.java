package org.cdphub.matching.internal.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.PersonRecord;
import org.cdphub.matching.internal.compare.Prepared;
import org.junit.jupiter.api.Test;

class BlockingTest {
    private final Phonetics phonetics = new Phonetics();

    private static Prepared p(String first, String last, String dob, String postcode) {
        return Prepared.of(PersonRecord.builder("x").set(Field.FIRST_NAME, first).set(Field.LAST_NAME, last)
                .set(Field.BIRTH_DATE, dob).set(Field.POSTCODE, postcode).build());
    }

    @Test
    void phoneticSurnameAndBirthYear() {
        assertThat(BlockingRule.SURNAME_YEAR.key(p("ann", "smith", "19800101", null), phonetics))
                .isEqualTo(BlockingRule.SURNAME_YEAR.key(p("anne", "smyth", "19801231", null), phonetics));
        assertThat(BlockingRule.SURNAME_YEAR.key(p("ann", "smith", null, null), phonetics)).isNull();
    }

    @Test
    void namesKeyIgnoresOrderAndPostcodeKeyUsesInitial() {
        assertThat(BlockingRule.NAMES.key(p("marianne", "rees", null, null), phonetics))
                .isEqualTo(BlockingRule.NAMES.key(p("rees", "marianne", null, null), phonetics));
        assertThat(BlockingRule.POSTCODE_INITIAL.key(p("kayla", "x", null, "3465"), phonetics)).isEqualTo("3465|k");
    }

    @Test
    void everyCandidatePairIsVisitedOnceAndOversizedBlocksAreSkipped() {
        List<Prepared> records = new ArrayList<>();
        records.add(p("ann", "smith", "19800101", "1000"));
        records.add(p("ann", "smith", "19800101", "1000")); // shares several keys with record 0
        records.add(p("anne", "smyth", "19800202", "2000"));
        for (int i = 0; i < 12; i++) {
            records.add(p("zed" + (char) ('a' + i), "zzz", null, "4999")); // one big postcode block
        }
        Blocking blocking = new Blocking(records.toArray(Prepared[]::new),
                List.of(BlockingRule.SURNAME_YEAR, BlockingRule.GIVEN_DOB, BlockingRule.POSTCODE_INITIAL), 10);
        Set<Long> seen = new HashSet<>();
        List<Long> all = new ArrayList<>();
        for (Collector c : blocking.forEachPair(Collector::new)) {
            all.addAll(c.pairs);
            seen.addAll(c.pairs);
        }
        assertThat(all).hasSameSizeAs(seen);
        assertThat(seen).contains(0L << 32 | 1, 0L << 32 | 2, 1L << 32 | 2);
        assertThat(blocking.stats().totalOversized()).isEqualTo(1);
        assertThat(seen).noneMatch(k -> (k >>> 32) >= 3);
    }

    private static final class Collector implements Blocking.PairVisitor {
        final List<Long> pairs = new ArrayList<>();

        @Override
        public void visit(int a, int b) {
            pairs.add(((long) Math.min(a, b) << 32) | Math.max(a, b));
        }
    }
}
