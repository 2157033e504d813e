package org.cdphub.matching.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.api.PersonRecord;
import org.cdphub.matching.internal.compare.Prepared;
import org.cdphub.matching.internal.model.Weights;
import org.junit.jupiter.api.Test;

class ClustererTest {

    private static Prepared p(String first, String last, String dob, String street, String email) {
        return Prepared.of(PersonRecord.builder("x").set(Field.FIRST_NAME, first).set(Field.LAST_NAME, last)
                .set(Field.BIRTH_DATE, dob).set(Field.ADDRESS_LINE1, street).set(Field.EMAIL, email).build());
    }

    @Test
    void oneBadPairDoesNotChainTwoPeople() {
        Prepared[] r = {
            p("ann", "jones", "19800101", "oak street", "ann@x.org"),     // 0: Ann
            p("ann", "jones", "19800101", "oak street", null),            // 1: Ann
            p("anne", "jones", "19800101", null, "ann@x.org"),            // 2: Ann
            p("bob", "miller", "19551230", "elm road", "bob@y.org"),      // 3: Bob
            p("bob", "miller", "19551230", "elm road", null),             // 4: Bob
            p("robert", "miller", "19551230", null, "bob@y.org"),         // 5: Bob, given name differs
        };
        Weights w = new Weights(MatchModel.defaults().withThreshold(10));
        EdgeList edges = new EdgeList();
        edges.add(0, 1, 40);
        edges.add(0, 2, 35);
        edges.add(3, 4, 40);
        edges.add(3, 5, 30);
        edges.add(2, 3, 25); // one bad pair, e.g. from a shared e-mail typo

        int[] cluster = new Clusterer(r, w, 10, true).cluster(edges);

        assertThat(cluster[0]).isEqualTo(cluster[1]).isEqualTo(cluster[2]);
        assertThat(cluster[3]).isEqualTo(cluster[4]).isEqualTo(cluster[5]);
        assertThat(cluster[0]).isNotEqualTo(cluster[3]);
    }

    @Test
    void farApartNationalIdsNeverJoinWhenIdsAreReliable() {
        Prepared a = Prepared.of(PersonRecord.builder("a").set(Field.FIRST_NAME, "ann").set(Field.LAST_NAME, "lee")
                .set(Field.NATIONAL_ID, "123456789").build());
        Prepared b = Prepared.of(PersonRecord.builder("b").set(Field.FIRST_NAME, "ann").set(Field.LAST_NAME, "lee")
                .set(Field.NATIONAL_ID, "987654321").build());
        Weights w = new Weights(MatchModel.defaults().withThreshold(10));
        EdgeList edges = new EdgeList();
        edges.add(0, 1, 20);

        assertThat(new Clusterer(new Prepared[] {a, b}, w, 10, true).cluster(edges)).containsExactly(0, 1);
        assertThat(new Clusterer(new Prepared[] {a, b}, w, 10, false).cluster(edges)).containsExactly(0, 0);
    }
}
