package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.Identifier;
import org.junit.jupiter.api.Test;

/** The normaliser as the engine uses it (API class, checked here with the engine's expectations). */
class IdentifierNormalizerTest {

    private final IdentifierNormalizer nl = new IdentifierNormalizer("NL");
    private final IdentifierNormalizer gb = new IdentifierNormalizer("gb");

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(nl.normalize("email", "  Ann.Smith@Example.COM \t").identifier())
                .isEqualTo(new Identifier("email", "ann.smith@example.com"));
    }

    @Test
    void phoneBecomesE164InTheDefaultRegion() {
        assertThat(nl.normalize("phone", "06 1234 5678").identifier().value()).isEqualTo("+31612345678");
        assertThat(gb.normalize("phone", "07400 123456").identifier().value()).isEqualTo("+447400123456");
        assertThat(gb.defaultRegion()).isEqualTo("GB");
    }

    @Test
    void phoneWithCountryCodeIgnoresTheDefaultRegion() {
        assertThat(gb.normalize("phone", "+31 6 12345678").identifier().value()).isEqualTo("+31612345678");
        assertThat(nl.normalize("phone", "0031612345678").identifier().value()).isEqualTo("+31612345678");
    }

    @Test
    void otherTypesAreTrimmedOnly() {
        assertThat(nl.normalize("crmId", "  sf:003ABC ").identifier().value()).isEqualTo("sf:003ABC");
    }

    @Test
    void invalidValuesGiveAReason() {
        Normalized email = nl.normalize("email", "ann@example");
        assertThat(email.isValid()).isFalse();
        assertThat(email.error()).contains("invalid email").contains("ann@example");
        assertThat(nl.normalize("email", "ann smith@example.com").isValid()).isFalse();
        assertThat(nl.normalize("phone", "12").error()).contains("invalid phone number");
        assertThat(nl.normalize("phone", "call me").isValid()).isFalse();
        assertThat(nl.normalize("email", "   ").error()).isEqualTo("email is empty");
    }

    @Test
    void unknownDefaultRegionIsRefused() {
        assertThatThrownBy(() -> new IdentifierNormalizer("XX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown phone region 'XX'");
    }
}
