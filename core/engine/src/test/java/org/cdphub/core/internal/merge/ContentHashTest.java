package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void mapOrderDoesNotMatterButEveryFieldDoes() {
        String hash = ContentHash.of(fragment("crm", "1", T0).email("a@example.com").trait("a", 1).trait("b", "x")
                .provenance("line", "3").provenance("file", "f.csv").build());

        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
        assertThat(ContentHash.of(fragment("crm", "1", T0).email("a@example.com").trait("b", "x").trait("a", 1)
                .provenance("file", "f.csv").provenance("line", "3").build())).isEqualTo(hash);
        assertThat(ContentHash.of(fragment("crm", "1", T0).email("a@example.com").trait("b", "x").trait("a", 1)
                .provenance("file", "f.csv").provenance("line", "4").build())).isNotEqualTo(hash);
        assertThat(ContentHash.of(fragment("crm", "1", T0.plusMillis(1)).email("a@example.com").trait("b", "x")
                .trait("a", 1).provenance("file", "f.csv").provenance("line", "3").build())).isNotEqualTo(hash);
    }
}
