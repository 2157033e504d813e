package org.cdphub.core.internal.store;

/** A failure of the profile store (SQL error, broken row); the transaction it happened in was rolled back. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
