package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void mapOrderDoesNotMatterButEveryFieldDoes() {
        String hash = hash(fragment("crm", "1", T0).email("a@example.com").trait("a", 1).trait("b", "x")
                .provenance("line", "3").provenance("file", "f.csv").build());

        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
        assertThat(hash(fragment("crm", "1", T0).email("a@example.com").trait("b", "x").trait("a", 1)
                .provenance("file", "f.csv").provenance("line", "3").build())).isEqualTo(hash);
        assertThat(hash(fragment("crm", "1", T0).email("a@example.com").trait("b", "x").trait("a", 1)
                .provenance("file", "f.csv").provenance("line", "4").build())).isNotEqualTo(hash);
        assertThat(hash(fragment("crm", "1", T0.plusMillis(1)).email("a@example.com").trait("b", "x")
                .trait("a", 1).provenance("file", "f.csv").provenance("line", "3").build())).isNotEqualTo(hash);
    }

    @Test
    void theCanonicalJsonThatIsStoredReadsBackAsTheSameFragment() {
        org.cdphub.api.model.Fragment f = fragment("crm", "1", T0).email("a@example.com").trait("b", "x")
                .trait("a", 1).provenance("line", "3").build();
        ContentHash.Canonical canonical = ContentHash.canonical(f);

        assertThat(org.cdphub.api.model.CdpJson.read(canonical.json(), org.cdphub.api.model.Fragment.class))
                .isEqualTo(f);
        assertThat(canonical.json()).as("map keys sorted").containsSubsequence("\"a\"", "\"b\"");
    }

    private static String hash(org.cdphub.api.model.Fragment fragment) {
        return ContentHash.canonical(fragment).hash();
    }
}
