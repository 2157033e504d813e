package org.cdphub.connector.crm.csv.internal;

import java.util.regex.Pattern;

/** What one CSV column means: the right-hand side of a {@code Column=target} mapping entry. */
sealed interface Target {

    Pattern TRAIT = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    Pattern CONSENT_PART = Pattern.compile("[a-z0-9_-]+");

    /** The record's id in the CRM; required exactly once. */
    record RecordId() implements Target {
    }

    /** When the CRM last changed the record. */
    record ObservedAt() implements Target {
    }

    record Email() implements Target {
    }

    record Phone() implements Target {
    }

    /**
     * A consent for {@code purpose/channel}. With {@code optOut} the column is an opt-out flag (as Salesforce's
     * {@code HasOptedOutOfEmail}): true means denied, false means granted.
     */
    record Consent(String purpose, String channel, boolean optOut) implements Target {
    }

    record Trait(String name) implements Target {
    }

    /** A column deliberately not used. */
    record Ignore() implements Target {
    }

    /**
     * Parses a target.
     *
     * @throws IllegalArgumentException with a message naming the column, to be prefixed with the config key
     */
    static Target parse(String text, String column) {
        switch (text) {
            case "recordId":
                return new RecordId();
            case "observedAt":
                return new ObservedAt();
            case "email":
                return new Email();
            case "phone":
                return new Phone();
            case "ignore":
                return new Ignore();
            default:
                break;
        }
        if (text.startsWith("trait.")) {
            String name = text.substring("trait.".length());
            if (!TRAIT.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid trait name '" + name + "' for column '" + column
                        + "' (expected a letter, then letters, digits or '_')");
            }
            return new Trait(name);
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
                + "recordId, observedAt, email, phone, consent.<purpose>.<channel>, optout.<purpose>.<channel>, "
                + "trait.<name> or ignore)");
    }
}
