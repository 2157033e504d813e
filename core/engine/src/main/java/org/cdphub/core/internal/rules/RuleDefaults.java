package org.cdphub.core.internal.rules;

/**
 * The built-in identity and survivorship rules, written in the configuration syntax of {@code org.cdphub.core}.
 * Constants, so that the metatype of {@code CoreConfig} shows exactly what applies when a key is not set.
 */
public final class RuleDefaults {

    /** Strongest first; types not listed come after these, alphabetically. */
    public static final String PRIORITY = "crmId, customerId, email, phone, hashedEmail, deviceId, cookieId";

    /**
     * Identifier types that members of one household share (a family e-mail address, a landline, a family tablet): a
     * link by one of them is refused when the two records clearly describe different people.
     */
    public static final String SHARED = "email, phone, hashedEmail, deviceId";

    /**
     * Blocked for every type, on the whole value and on the part after the first {@code :} (so {@code crm:null} is
     * blocked too). The expression blocks values made only of zeros and separators ({@code 0}, {@code 000-000},
     * the all-zero advertising id). An empty value is always blocked.
     */
    public static final String BLOCKED_COMMON =
            "null, nil, none, n/a, na, unknown, undefined, anonymous, test, -1, re:[0\\W_]+";
    public static final String BLOCKED_EMAIL =
            "test@test.com, test@example.com, noreply@*, no-reply@*, donotreply@*, do-not-reply@*";
    /** The same digit repeated after an optional country code and trunk 0 (+31666666666, 0000000000, 1111). */
    public static final String BLOCKED_PHONE = "re:\\+?\\d?\\d?\\d?0?(\\d)\\1\\1\\1+";

    public static final String LIMIT_CRM_ID = "1/system";
    public static final String LIMIT_CUSTOMER_ID = "1/system";
    public static final String LIMIT_EMAIL = "5";
    public static final String LIMIT_PHONE = "3";
    public static final String LIMIT_HASHED_EMAIL = "5";
    public static final String LIMIT_DEVICE_ID = "50";
    public static final String LIMIT_COOKIE_ID = "50";
    /** For identifier types without a limit of their own (types connectors bring). */
    public static final String LIMIT_DEFAULT = "50";

    public static final String SURVIVORSHIP_DEFAULT = "most-recent";
    public static final String SURVIVORSHIP_SOURCES = "";
    /** Traits with a rule of their own unless configured: DMP audiences of all of a person's cookies count. */
    public static final java.util.Map<String, String> SURVIVORSHIP_BY_TRAIT = java.util.Map.of("dmpAudiences", "union");

    private RuleDefaults() {
    }
}
