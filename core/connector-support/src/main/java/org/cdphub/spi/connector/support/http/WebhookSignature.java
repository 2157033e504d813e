package org.cdphub.spi.connector.support.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook signature of the form base64(HMAC-SHA256(secret, raw body)), as Shopify sends it in
 * {@code X-Shopify-Hmac-Sha256} and WooCommerce in {@code X-WC-Webhook-Signature}. The comparison takes the same time whatever the signature; the secret is never part
 * of a message or {@link #toString()}.
 */
public final class WebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** base64 of the body's HMAC, as the sender computes it. */
    public String sign(byte[] body) {
        return Base64.getEncoder().encodeToString(mac(body));
    }

    /** Whether {@code signature} (base64, may be null) is the body's HMAC. */
    public boolean verify(byte[] body, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(body), expected);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[HMAC-SHA256, secret hidden]";
    }
}
