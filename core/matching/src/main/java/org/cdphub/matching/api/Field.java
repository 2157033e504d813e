package org.cdphub.matching.api;

import java.util.Locale;

/**
 * The canonical person fields the matcher knows. The first twelve are scored by the Fellegi-Sunter model; country,
 * cookieId and deviceId are carried but never scored: anonymous third-party ids never link records by probability.
 */
public enum Field {
    FIRST_NAME("firstName", true),
    LAST_NAME("lastName", true),
    BIRTH_DATE("birthDate", true),
    STREET_NUMBER("streetNumber", true),
    ADDRESS_LINE1("addressLine1", true),
    ADDRESS_LINE2("addressLine2", true),
    CITY("city", true),
    POSTCODE("postcode", true),
    REGION("region", true),
    PHONE("phone", true),
    EMAIL("email", true),
    NATIONAL_ID("nationalId", true),
    COUNTRY("country", false),
    COOKIE_ID("cookieId", false),
    DEVICE_ID("deviceId", false);

    /** Number of scored fields; they are the first {@code SCORED_COUNT} constants. */
    public static final int SCORED_COUNT = 12;

    private final String canonicalName;
    private final boolean scored;

    Field(String canonicalName, boolean scored) {
        this.canonicalName = canonicalName;
        this.scored = scored;
    }

    /** The name used in column mappings and weight files, e.g. {@code firstName}. */
    public String canonicalName() {
        return canonicalName;
    }

    public boolean scored() {
        return scored;
    }

    /** Looks a field up by its canonical name, case-insensitively. */
    public static Field byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Field f : values()) {
            if (f.canonicalName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown field '" + name + "'; known: " + java.util.Arrays.toString(names()));
    }

    public static String[] names() {
        Field[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].canonicalName;
        }
        return names;
    }
}
