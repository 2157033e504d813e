package org.cdphub.matching.internal.compare;

import java.util.Locale;
import java.util.Set;
import org.cdphub.matching.api.Field;

/**
 * Turns raw values into comparable ones: lower case, no accents, single spaces, and null for blanks and placeholders
 * ({@code null}, {@code -1}, {@code n/a}, {@code test@test.com}, {@code 0000000} …). Phones keep their last 9 digits.
 */
public final class Normalizer {
    private static final Set<String> PLACEHOLDERS = Set.of("null", "nil", "none", "n/a", "na", "-", "--", "-1", "0",
            "?", ".", "unknown", "undefined", "test", "xxx", "x", "nan", "not available", "empty", "missing");
    private static final Set<String> PLACEHOLDER_EMAIL_LOCALS = Set.of("test", "none", "noemail", "no", "null",
            "nomail", "na", "n/a", "unknown", "noreply", "no-reply", "x", "xxx", "a", "email", "abc");
    private static final Set<String> PLACEHOLDER_EMAIL_DOMAINS = Set.of("test.com", "example.com", "example.org",
            "none.com", "noemail.com", "email.com", "invalid", "test.test");

    private Normalizer() {
    }

    public static boolean isPlaceholder(String lower) {
        return PLACEHOLDERS.contains(lower);
    }

    /** The comparable form of a raw value of the field, or null when there is nothing to compare. */
    public static String normalize(Field field, String raw) {
        if (raw == null) {
            return null;
        }
        String s = basic(raw);
        if (s == null) {
            return null;
        }
        return switch (field) {
            case FIRST_NAME, LAST_NAME -> name(s);
            case EMAIL -> email(s);
            case PHONE -> phone(s);
            case NATIONAL_ID, POSTCODE, STREET_NUMBER -> code(s);
            case BIRTH_DATE -> throw new IllegalArgumentException("birth dates go through DateParser");
            default -> s;
        };
    }

    /** Trimmed, lower case, accents removed, whitespace collapsed; null for blank or placeholder. */
    static String basic(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return null;
        }
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c < 128 && !(c >= 'A' && c <= 'Z') && !(c == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ')
                    && c != '\t';
        }
        if (!plain) {
            s = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
                    .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        }
        return isPlaceholder(s) ? null : s;
    }

    private static String name(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(c);
                space = false;
            } else if (c == ' ' || c == '-') {
                space = true;
            }
        }
        return sb.length() == 0 ? null : sb.length() == s.length() ? s : sb.toString();
    }

    private static String email(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf(' ') >= 0) {
            return null;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (PLACEHOLDER_EMAIL_LOCALS.contains(local) || PLACEHOLDER_EMAIL_DOMAINS.contains(domain)) {
            return null;
        }
        return s;
    }

    private static String phone(String s) {
        StringBuilder digits = new StringBuilder(16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        if (digits.length() < 6 || sameDigit(digits) || "1234567890".contains(digits)
                || "0123456789".contains(digits)) {
            return null;
        }
        return digits.length() > 9 ? digits.substring(digits.length() - 9) : digits.toString();
    }

    private static String code(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        if (sb.length() == 0 || (sb.length() > 2 && sameDigit(sb))) {
            return null;
        }
        return sb.length() == s.length() ? s : sb.toString();
    }

    private static boolean sameDigit(CharSequence s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) != s.charAt(0)) {
                return false;
            }
        }
        return Character.isDigit(s.charAt(0));
    }
}
