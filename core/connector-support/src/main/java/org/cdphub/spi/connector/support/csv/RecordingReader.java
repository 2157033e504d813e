package org.cdphub.spi.connector.support.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that keeps the text read through it, from the start of the current record on, so that the raw text of a
 * record can be handed to a dead letter. Text before a record that has been taken is dropped: the window holds the
 * current record plus the parser's read-ahead, not the file.
 */
final class RecordingReader extends Reader {

    /** Raw text handed to dead letters is cut at this many characters. */
    static final int MAX_RAW = 10_000;

    private final Reader in;
    private final StringBuilder window = new StringBuilder();
    /** Absolute character position of {@code window.charAt(0)}. */
    private long windowStart;

    RecordingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            window.append(buffer, offset, n);
        }
        return n;
    }

    /**
     * The text of {@code lines} physical lines starting at absolute position {@code from}, without the final line
     * break; drops everything before the end of those lines.
     */
    String take(long from, long lines) {
        int start = (int) Math.max(0, from - windowStart);
        int end = start;
        long left = lines;
        while (end < window.length()) {
            char c = window.charAt(end);
            if (c == '\n' || c == '\r') {
                if (--left <= 0) {
                    break;
                }
                if (c == '\r' && end + 1 < window.length() && window.charAt(end + 1) == '\n') {
                    end++;
                }
            }
            end++;
        }
        String raw = cut(window.substring(Math.min(start, window.length()), end));
        int next = end;
        if (next < window.length() && window.charAt(next) == '\r') {
            next++;
        }
        if (next < window.length() && window.charAt(next) == '\n' && (next == end || window.charAt(next - 1) == '\r')) {
            next++;
        }
        window.delete(0, next);
        windowStart += next;
        return raw;
    }

    /** The first physical line at absolute position {@code from}, as far as it has been read; drops nothing. */
    String line(long from) {
        int start = (int) Math.min(Math.max(0, from - windowStart), window.length());
        int end = start;
        while (end < window.length() && window.charAt(end) != '\n' && window.charAt(end) != '\r') {
            end++;
        }
        return cut(window.substring(start, end));
    }

    /** Absolute position just after the text taken last. */
    long position() {
        return windowStart;
    }

    private static String cut(String raw) {
        return raw.length() <= MAX_RAW ? raw : raw.substring(0, MAX_RAW) + "…";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
