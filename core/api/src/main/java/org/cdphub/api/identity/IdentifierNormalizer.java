package org.cdphub.api.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;

/**
 * Brings identifiers into the one form the identity graph compares: e-mail addresses trimmed and lower-cased, phone
 * numbers in E.164 (numbers without a country code are read in the configured default region), other types trimmed.
 * A pure function; thread-safe.
 */
public final class IdentifierNormalizer {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 two-letter region for numbers written without a country code, for example NL */
    public IdentifierNormalizer(String defaultRegion) {
        String region = defaultRegion == null ? "" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion
                    + "': use an ISO 3166 two-letter code such as NL, GB, US or ZA");
        }
        this.defaultRegion = region;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    public Normalized normalize(Identifier raw) {
        return normalize(raw.type(), raw.value());
    }

    public Normalized normalize(String type, String rawValue) {
        String value = rawValue == null ? "" : rawValue.strip();
        if (value.isEmpty()) {
            return Normalized.invalid(type + " is empty");
        }
        return switch (type) {
            case IdentifierTypes.EMAIL -> email(value);
            case IdentifierTypes.PHONE -> phone(value);
            default -> Normalized.valid(new Identifier(type, value));
        };
    }

    private static Normalized email(String value) {
        String email = value.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            return Normalized.invalid("invalid email '" + value + "'");
        }
        return Normalized.valid(new Identifier(IdentifierTypes.EMAIL, email));
    }

    private Normalized phone(String value) {
        try {
            PhoneNumber number = PHONES.parse(value, defaultRegion);
            if (!PHONES.isValidNumber(number)) {
                return Normalized.invalid("invalid phone number '" + value + "' (default region " + defaultRegion + ")");
            }
            return Normalized.valid(new Identifier(IdentifierTypes.PHONE,
                    PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException e) {
            return Normalized.invalid("invalid phone number '" + value + "': " + e.getMessage());
        }
    }
}
