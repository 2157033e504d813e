package org.cdphub.spi.connector.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] FOX = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheKnownHmacSha256TestVectorInBase64() {
        // HMAC_SHA256("key", FOX) = f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8
        WebhookSignature signature = new WebhookSignature("key");

        assertThat(signature.sign(FOX)).isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
        assertThat(signature.verify(FOX, "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=")).isTrue();
    }

    @Test
    void refusesTamperedBodiesOtherSecretsAndMissingOrMalformedSignatures() {
        WebhookSignature signature = new WebhookSignature("key");
        String good = signature.sign(FOX);
        byte[] tampered = "The quick brown fox jumps over the lazy cat".getBytes(StandardCharsets.US_ASCII);

        assertThat(signature.verify(tampered, good)).isFalse();
        assertThat(new WebhookSignature("other").verify(FOX, good)).isFalse();
        assertThat(signature.verify(FOX, null)).isFalse();
        assertThat(signature.verify(FOX, "")).isFalse();
        assertThat(signature.verify(FOX, "not base64 !")).isFalse();
        assertThat(signature.verify(FOX, good.substring(0, 20))).isFalse();
        assertThat(signature.toString()).doesNotContain("key");
    }
}
