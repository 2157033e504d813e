package org.cdphub.matching.internal.gen;

import java.util.Random;

/** FEBRL-like corruption of single values: typos, date slips, placeholder values, formatting. */
final class Corruptor {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";

    private Corruptor() {
    }

    /** One character inserted, deleted, substituted, or two adjacent ones transposed. */
    static String typo(String s, Random r) {
        if (s == null || s.length() < 2) {
            return s;
        }
        String alphabet = Character.isDigit(s.charAt(0)) ? DIGITS : LETTERS;
        int i = r.nextInt(s.length());
        char c = alphabet.charAt(r.nextInt(alphabet.length()));
        return switch (r.nextInt(4)) {
            case 0 -> s.substring(0, i) + c + s.substring(i);
            case 1 -> s.length() > 3 ? s.substring(0, i) + s.substring(i + 1) : s + c;
            case 2 -> s.substring(0, i) + c + s.substring(i + 1);
            default -> {
                int j = Math.min(i, s.length() - 2);
                yield s.substring(0, j) + s.charAt(j + 1) + s.charAt(j) + s.substring(j + 2);
            }
        };
    }

    /** Day and month swapped, two adjacent digits transposed, or one digit changed. */
    static int date(int yyyymmdd, Random r) {
        int y = yyyymmdd / 10000;
        int m = yyyymmdd / 100 % 100;
        int d = yyyymmdd % 100;
        switch (r.nextInt(3)) {
            case 0:
                if (d <= 12 && d != m) {
                    return y * 10000 + d * 100 + m;
                }
                // fall through: not swappable
            case 1: {
                char[] c = String.valueOf(yyyymmdd).toCharArray();
                int i = 2 + r.nextInt(5);
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                return Integer.parseInt(new String(c));
            }
            default: {
                char[] c = String.valueOf(yyyymmdd).toCharArray();
                int i = 2 + r.nextInt(6);
                c[i] = (char) ('0' + r.nextInt(10));
                return Integer.parseInt(new String(c));
            }
        }
    }

    static String formatDate(int yyyymmdd, Random r) {
        String s = String.valueOf(yyyymmdd);
        return r.nextInt(3) == 0 ? s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6) : s;
    }

    static String formatPhone(String tenDigits, Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "+61 " + tenDigits.substring(1, 4) + " " + tenDigits.substring(4, 7) + " " + tenDigits.substring(7);
            case 1 -> tenDigits.substring(0, 4) + " " + tenDigits.substring(4, 7) + " " + tenDigits.substring(7);
            default -> tenDigits;
        };
    }

    static String placeholder(String column, Random r) {
        return switch (column) {
            case "email" -> r.nextBoolean() ? "test@test.com" : "noemail@example.com";
            case "phone" -> r.nextBoolean() ? "-1" : "0000000000";
            case "birthDate" -> "19000101";
            default -> r.nextBoolean() ? "null" : "-1";
        };
    }

    static String capitalise(String s, Random r) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return switch (r.nextInt(4)) {
            case 0 -> s.toUpperCase(java.util.Locale.ROOT);
            case 1 -> Character.toUpperCase(s.charAt(0)) + s.substring(1);
            default -> s;
        };
    }
}
