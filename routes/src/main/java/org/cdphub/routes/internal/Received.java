package org.cdphub.routes.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Message;

/**
 * One message a stage took off its queue: its body and headers. A batch-consuming endpoint
 * ({@code Transport#consumeBatchesFrom}) delivers a {@code List<Received>} as the body of one exchange, all of them in
 * one transaction; any other endpoint delivers one message, which {@link #of} turns into a batch of one.
 */
public record Received(String body, Map<String, Object> headers) {

    /**
     * Exchange property: why a route marked its batch rollback-only ({@code Exchange.setRollbackOnly}) instead of
     * failing it; the batch consumer rolls such a batch back and logs this.
     */
    public static final String ROLLBACK_REASON = "cdp.rollbackReason";

    public Received {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** The header {@code name} as a string, or null. */
    public String header(String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }

    /** The messages of an exchange: its batch, or its one message. */
    public static List<Received> of(Message message) {
        if (message.getBody() instanceof List<?> list && list.stream().allMatch(Received.class::isInstance)) {
            return list.stream().map(Received.class::cast).toList();
        }
        Map<String, Object> headers = new java.util.HashMap<>();
        message.getHeaders().forEach((k, v) -> {
            if (v != null) {
                headers.put(k, v);
            }
        });
        return List.of(new Received(message.getBody(String.class), headers));
    }
}
