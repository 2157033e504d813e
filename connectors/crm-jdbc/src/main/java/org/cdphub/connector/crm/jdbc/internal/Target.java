package org.cdphub.connector.crm.jdbc.internal;

import java.util.regex.Pattern;

/** What one database column means: the right-hand side of a {@code column=target} mapping entry. */
sealed interface Target {

    Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    Pattern CONSENT_PART = Pattern.compile("[a-z0-9_-]+");

    record Email() implements Target {
    }

    record Phone() implements Target {
    }

    /** A consent; with {@code optOut} the column is an opt-out flag (true means denied, false records nothing). */
    record Consent(String purpose, String channel, boolean optOut) implements Target {
    }

    /** An attribute kept as the database gives it (text, number, boolean; times as ISO-8601 text). */
    record Trait(String name) implements Target {
    }

    /** An attribute that is a date, kept as {@code yyyy-MM-dd}; text is parsed, and a value that is no date rejects the row. */
    record Date(String name) implements Target {
    }

    /** A column deliberately not used. */
    record Ignore() implements Target {
    }

    /** The trait a target writes, or null. */
    default String traitName() {
        if (this instanceof Trait t) {
            return t.name();
        }
        return this instanceof Date d ? d.name() : null;
    }

    /**
     * Parses a target.
     *
     * @throws IllegalArgumentException with a message naming the column, to be prefixed with the config key
     */
    static Target parse(String text, String column) {
        switch (text) {
            case "email":
                return new Email();
            case "phone":
                return new Phone();
            case "ignore":
                return new Ignore();
            case "recordId":
            case "observedAt":
                throw new IllegalArgumentException("target '" + text + "' for column '" + column + "' comes from "
                        + ("recordId".equals(text) ? "key.column" : "modified.column") + ", not from the mapping");
            default:
                break;
        }
        for (String prefix : new String[] {"trait.", "date."}) {
            if (text.startsWith(prefix)) {
                String name = text.substring(prefix.length());
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("invalid trait name '" + name + "' for column '" + column
                            + "' (expected a letter, then letters, digits or '_')");
                }
                return "date.".equals(prefix) ? new Date(name) : new Trait(name);
            }
        }
        if (text.startsWith("consent.") || text.startsWith("optout.")) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 3 || !CONSENT_PART.matcher(parts[1]).matches()
                    || !CONSENT_PART.matcher(parts[2]).matches()) {
                throw new IllegalArgumentException("invalid consent target '" + text + "' for column '" + column
                        + "' (expected " + parts[0] + ".<purpose>.<channel> in a-z, 0-9, '_' and '-', "
                        + "e.g. " + parts[0] + ".marketing.email)");
            }
            return new Consent(parts[1], parts[2], "optout".equals(parts[0]));
        }
        throw new IllegalArgumentException("unknown target '" + text + "' for column '" + column + "' (expected "
                + "email, phone, consent.<purpose>.<channel>, optout.<purpose>.<channel>, trait.<name>, date.<name> "
                + "or ignore)");
    }

    /** The target as written in the mapping. */
    default String written() {
        if (this instanceof Consent c) {
            return (c.optOut() ? "optout." : "consent.") + c.purpose() + "." + c.channel();
        }
        if (this instanceof Trait t) {
            return "trait." + t.name();
        }
        if (this instanceof Date d) {
            return "date." + d.name();
        }
        String name = getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
