package org.cdphub.spi.connector.support.csv;

/** A file that cannot be read as a whole (no header, a required column missing); it goes to {@code .failed}. */
public final class CsvFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CsvFileException(String message) {
        super(message);
    }
}
