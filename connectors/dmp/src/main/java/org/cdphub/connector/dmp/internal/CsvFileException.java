package org.cdphub.connector.dmp.internal;

/** A file that cannot be read as a whole (no header, a required column missing); it goes to {@code .failed}. */
final class CsvFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CsvFileException(String message) {
        super(message);
    }
}
