package org.cdphub.connector.webhook.internal;

import static org.cdphub.spi.connector.support.config.ConfigValues.number;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cdphub.spi.connector.Connector;

/** Validated settings of one webhook instance. Exactly one of {@code directory} and {@code url} is set. */
record WebhookSettings(String id, Path directory, URI url, String headerName, String headerValue,
        Optional<String> requiredConsent, int timeoutMs, int batchSize) {

    private static final Pattern CONSENT = Pattern.compile("[a-z0-9_-]+/[a-z0-9_-]+");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]+");

    static WebhookSettings from(WebhookConfig c) {
        String directory = c.directory().trim();
        String url = c.url().trim();
        if (directory.isEmpty() == url.isEmpty()) {
            throw new IllegalArgumentException("directory, url: set exactly one of them (directory='" + directory
                    + "', url='" + url + "')");
        }
        URI uri = null;
        if (!url.isEmpty()) {
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("url: '" + url + "' is not a URL: " + e.getReason(), e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("url: must start with http:// or https://, got '" + url + "'");
            }
        }
        String headerName = c.header_name().trim();
        if (!headerName.isEmpty() && !HEADER.matcher(headerName).matches()) {
            throw new IllegalArgumentException("header.name: '" + headerName + "' is not a valid HTTP header name");
        }
        if (headerName.isEmpty() != c.header_value().isEmpty()) {
            throw new IllegalArgumentException("header.name, header.value: set both or neither");
        }
        String consent = c.required_consent().trim();
        if (!consent.isEmpty() && !CONSENT.matcher(consent).matches()) {
            throw new IllegalArgumentException("required.consent: expected purpose/channel such as marketing/email, got '"
                    + consent + "'");
        }
        int timeoutMs = (int) number("timeout.ms", c.timeout_ms(), 1, Integer.MAX_VALUE);
        int batchSize = (int) number("batch.size", c.batch_size(), 1, Connector.MAX_DELIVERY_BATCH);
        return new WebhookSettings(c.id(), directory.isEmpty() ? null : Path.of(directory), uri, headerName,
                c.header_value(), consent.isEmpty() ? Optional.empty() : Optional.of(consent), timeoutMs,
                batchSize);
    }

    /** Settings as an operator may see them: the header value is masked. */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        if (directory != null) {
            out.put("directory", directory.toString());
        } else {
            out.put("url", url.toString());
        }
        if (!headerName.isEmpty()) {
            out.put("header.name", headerName);
            out.put("header.value", "********");
        }
        out.put("required.consent", requiredConsent.orElse("(none)"));
        if (url != null) {
            out.put("timeout.ms", Integer.toString(timeoutMs));
        }
        out.put("batch.size", Integer.toString(batchSize));
        return out;
    }
}
