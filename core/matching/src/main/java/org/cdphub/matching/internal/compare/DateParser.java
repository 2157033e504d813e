package org.cdphub.matching.internal.compare;

/**
 * Birth dates as {@code int} yyyymmdd. Understands {@code yyyyMMdd} and ISO {@code yyyy-MM-dd} (also with {@code /}
 * or a time part). A value with the right shape whose month or day is off the calendar (a corrupted date such as
 * {@code 19371233}) is kept as its digits, since the digits still carry evidence; a value of any other shape is
 * refused with a reason.
 */
public final class DateParser {
    private DateParser() {
    }

    /** 0 for blank or a placeholder; otherwise yyyymmdd. */
    public static int parse(String raw) {
        if (raw == null) {
            return 0;
        }
        String s = raw.trim();
        if (s.isEmpty() || Normalizer.isPlaceholder(s.toLowerCase(java.util.Locale.ROOT))) {
            return 0;
        }
        int value;
        if (s.length() == 8 && allDigits(s, 0, 8)) {
            value = Integer.parseInt(s);
        } else if (s.length() >= 10 && allDigits(s, 0, 4) && isSep(s.charAt(4)) && allDigits(s, 5, 7)
                && s.charAt(7) == s.charAt(4) && allDigits(s, 8, 10) && (s.length() == 10 || s.charAt(10) == 'T'
                || s.charAt(10) == ' ')) {
            value = Integer.parseInt(s.substring(0, 4)) * 10000 + Integer.parseInt(s.substring(5, 7)) * 100
                    + Integer.parseInt(s.substring(8, 10));
        } else {
            throw new IllegalArgumentException("unparsable date '" + raw + "' (expected yyyyMMdd or yyyy-MM-dd)");
        }
        if (value == 0 || value == 19000101 || value < 1000000) {
            return 0; // 00000000, 1900-01-01 and the like are placeholders
        }
        return value;
    }

    /** True when month and day are on the calendar (leap years included). */
    public static boolean onCalendar(int yyyymmdd) {
        int y = yyyymmdd / 10000;
        int m = yyyymmdd / 100 % 100;
        int d = yyyymmdd % 100;
        if (m < 1 || m > 12 || d < 1) {
            return false;
        }
        return d <= java.time.YearMonth.of(Math.max(1, y), m).lengthOfMonth();
    }

    private static boolean isSep(char c) {
        return c == '-' || c == '/';
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
