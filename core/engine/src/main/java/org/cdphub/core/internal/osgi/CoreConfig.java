package org.cdphub.core.internal.osgi;

import org.cdphub.core.internal.rules.RuleDefaults;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@code org.cdphub.core}. Method names map to keys by the metatype rules: {@code _} becomes {@code .}
 * (so {@code phone_default_region} is {@code phone.default.region}). Besides these keys, the component reads
 * {@code rules.blocked.<type>}, {@code rules.limit.<type>} for any identifier type and {@code survivorship.<trait>} for
 * any trait (see {@link org.cdphub.core.internal.rules.RulesConfig}). Lists are comma-separated.
 */
@ObjectClassDefinition(name = "CDP Hub core engine",
        description = "Identity resolution and the profile store.")
public @interface CoreConfig {

    @AttributeDefinition(name = "Default phone region",
            description = "ISO 3166 two-letter region (NL, GB, US, ...) for phone numbers written without a country code.")
    String phone_default_region() default "NL";

    @AttributeDefinition(name = "Identifier priority",
            description = "Identifier types, strongest first. When a fragment cannot link all of its identifiers "
                    + "without breaking a limit, it drops the weakest. Types not listed come last.")
    String rules_priority() default RuleDefaults.PRIORITY;

    @AttributeDefinition(name = "Identifier types a household shares",
            description = "A link by one of these types is refused when the two records clearly describe different "
                    + "people (given names differ and no birth date agrees, or birth dates differ); the identifier is "
                    + "dropped instead. 'none' turns the check off.")
    String rules_shared() default RuleDefaults.SHARED;

    @AttributeDefinition(name = "Blocked values (every type)",
            description = "Placeholder values that never link, for every identifier type: literal values "
                    + "(case-insensitive), globs with *, or re:<regular expression>. Empty values are always blocked.")
    String rules_blocked_common() default RuleDefaults.BLOCKED_COMMON;

    @AttributeDefinition(name = "Blocked e-mail addresses", description = "Placeholder e-mail addresses.")
    String rules_blocked_email() default RuleDefaults.BLOCKED_EMAIL;

    @AttributeDefinition(name = "Blocked phone numbers", description = "Placeholder phone numbers.")
    String rules_blocked_phone() default RuleDefaults.BLOCKED_PHONE;

    @AttributeDefinition(name = "crmId limit",
            description = "Most crmIds one profile holds: <n>, <n>/system (per prefix before ':') or unlimited.")
    String rules_limit_crmId() default RuleDefaults.LIMIT_CRM_ID;

    @AttributeDefinition(name = "customerId limit", description = "Most customerIds one profile holds.")
    String rules_limit_customerId() default RuleDefaults.LIMIT_CUSTOMER_ID;

    @AttributeDefinition(name = "email limit", description = "Most e-mail addresses one profile holds.")
    String rules_limit_email() default RuleDefaults.LIMIT_EMAIL;

    @AttributeDefinition(name = "phone limit", description = "Most phone numbers one profile holds.")
    String rules_limit_phone() default RuleDefaults.LIMIT_PHONE;

    @AttributeDefinition(name = "hashedEmail limit", description = "Most hashed e-mail addresses one profile holds.")
    String rules_limit_hashedEmail() default RuleDefaults.LIMIT_HASHED_EMAIL;

    @AttributeDefinition(name = "deviceId limit", description = "Most device ids one profile holds.")
    String rules_limit_deviceId() default RuleDefaults.LIMIT_DEVICE_ID;

    @AttributeDefinition(name = "cookieId limit", description = "Most cookie ids one profile holds.")
    String rules_limit_cookieId() default RuleDefaults.LIMIT_COOKIE_ID;

    @AttributeDefinition(name = "Default limit",
            description = "Limit of identifier types without a rules.limit.<type> of their own.")
    String rules_limit_default() default RuleDefaults.LIMIT_DEFAULT;

    @AttributeDefinition(name = "Default survivorship",
            description = "How a trait's value is chosen: most-recent, source-priority, most-frequent or oldest. "
                    + "survivorship.<trait> sets it for one trait.")
    String survivorship_default() default RuleDefaults.SURVIVORSHIP_DEFAULT;

    @AttributeDefinition(name = "Source priority",
            description = "Sources (connector ids), most trusted first, for the source-priority rule.")
    String survivorship_sources() default RuleDefaults.SURVIVORSHIP_SOURCES;

    @AttributeDefinition(name = "Probabilistic matching",
            description = "Whether a new profile that shares no identifier with a stored one joins the stored profile "
                    + "the matcher scores at or above matching.threshold.")
    boolean matching_enabled() default true;

    @AttributeDefinition(name = "Match threshold",
            description = "Least Fellegi-Sunter score (bits, log2 of the likelihood ratio) of a probabilistic merge; "
                    + "empty: the threshold of the model (10 by default, or the weights file's).")
    String matching_threshold() default "";

    @AttributeDefinition(name = "Match weights file",
            description = "Path of a weights file (m and u per field and level, as bin/cdphub resolve writes it); "
                    + "empty: the built-in model.")
    String matching_weights() default "";

    @AttributeDefinition(name = "Store sync interval",
            description = "With the embedded H2 store: how often its file is written through to the disk (ISO-8601 "
                    + "duration). Without it the operating system writes half a minute of changes at once, and the "
                    + "broker's commits wait meanwhile. PT0S turns it off, else PT0.01S to PT1H; PostgreSQL ignores it.")
    String store_sync_interval() default "PT1S";

    @AttributeDefinition(name = "Profile store",
            description = "LDAP filter selecting the javax.sql.DataSource service of the profile store.")
    String DataSource_target() default CoreComponent.DEFAULT_DATA_SOURCE;
}
