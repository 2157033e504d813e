package org.cdphub.connector.crm.rest.internal;

/**
 * A request to HubSpot that failed for good (after retries, or at once for authentication and other client errors).
 * The message is meant for operators and never contains the token.
 */
final class HubSpotException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean authentication;

    HubSpotException(String message, int status, boolean authentication) {
        super(message);
        this.status = status;
        this.authentication = authentication;
    }

    /** The HTTP status of the last answer, or 0 when there was none (connection error). */
    int status() {
        return status;
    }

    /** Whether HubSpot refused the token (401/403): retrying, or trying another endpoint, is pointless. */
    boolean authentication() {
        return authentication;
    }
}
