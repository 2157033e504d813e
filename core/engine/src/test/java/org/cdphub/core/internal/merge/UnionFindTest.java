package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdphub.api.model.Identifier;
import org.cdphub.core.internal.store.FragmentKey;
import org.junit.jupiter.api.Test;

class UnionFindTest {

    @Test
    void joinsSetsAndKeepsOthersApartPastItsInitialCapacity() {
        UnionFind<Object> sets = new UnionFind<>();
        for (int i = 0; i < 1_000; i++) { // a chain of pairs: (f0, i0), (f1, i1), ... then every even pair joined
            sets.union(new FragmentKey("crm", "f" + i), new Identifier("email", "p" + i + "@example.com"));
        }
        for (int i = 2; i < 1_000; i += 2) {
            sets.union(new FragmentKey("crm", "f" + (i - 2)), new FragmentKey("crm", "f" + i));
        }
        Object evens = sets.find(new FragmentKey("crm", "f0"));
        Object odd = sets.find(new FragmentKey("crm", "f1"));
        assertThat(sets.find(new Identifier("email", "p998@example.com"))).isEqualTo(evens);
        assertThat(odd).isNotEqualTo(evens).isEqualTo(sets.find(new Identifier("email", "p1@example.com")));
        assertThat(sets.find(new FragmentKey("crm", "f3"))).isNotEqualTo(odd);
    }

    @Test
    void aFragmentKeyAndAnIdentifierWithTheSameFieldsAreDifferentNodes() {
        UnionFind<Object> sets = new UnionFind<>();
        sets.find(new FragmentKey("email", "x"));
        assertThat(sets.contains(new FragmentKey("email", "x"))).isTrue();
        assertThat(sets.contains(new Identifier("email", "x"))).isFalse();
        assertThat(sets.find(new Identifier("email", "x"))).isEqualTo(new Identifier("email", "x"));
        assertThat(sets.find(new FragmentKey("email", "x"))).isEqualTo(new FragmentKey("email", "x"));
    }

    @Test
    void theLargerSetsRootStays() {
        UnionFind<String> sets = new UnionFind<>();
        sets.union("a", "b");
        sets.union("a", "c"); // {a, b, c} with root a
        sets.union("d", "a"); // d alone joins the larger set: a stays the root
        assertThat(sets.find("d")).isEqualTo("a");
        assertThat(sets.find("c")).isEqualTo("a");
        assertThat(sets.contains("e")).isFalse();
        assertThat(sets.find("e")).isEqualTo("e");
        assertThat(sets.contains("e")).isTrue();
    }
}
