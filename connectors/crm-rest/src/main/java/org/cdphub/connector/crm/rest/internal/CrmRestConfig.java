package org.cdphub.connector.crm.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one {@code crm-rest} instance ({@code etc/org.cdphub.connector.crm.rest-<name>.cfg}). Values are
 * read as text so that a bad value is reported with its key; see {@link CrmRestSettings}.
 */
@ObjectClassDefinition(name = "CDP Hub CRM REST connector (HubSpot CRM v3)",
        description = "Pulls contacts changed since the last poll from the HubSpot CRM v3 search API, and archived "
                + "(deleted) and merged-away contacts as erasures.")
public @interface CrmRestConfig {

    @AttributeDefinition(description = "Instance id, unique in the hub (a-z, 0-9, '-'); also the source of its fragments")
    String id();

    @AttributeDefinition(required = false, description = "Base URL of the API (http or https)")
    String base_url() default "https://api.hubapi.com";

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Private app access token (scope crm.objects.contacts.read), sent as Bearer token")
    String token();

    @AttributeDefinition(required = false, description = "Contact properties to read, comma-separated")
    String properties() default CrmRestSettings.DEFAULT_PROPERTIES;

    @AttributeDefinition(required = false, description = "Contacts per page (1-200)")
    String limit() default "100";

    @AttributeDefinition(required = false, description = "Time between two polls, ISO-8601 (at least PT10S)")
    String poll_interval() default "PT5M";

    @AttributeDefinition(required = false,
            description = "First run only: read contacts modified since this instant or date (empty: all)")
    String sync_since() default "";

    @AttributeDefinition(required = false, description = "Also read archived contacts as erasures (true/false)")
    String deletions() default "true";

    @AttributeDefinition(required = false,
            description = "ISO 3166 region for phone numbers written without a country code, e.g. NL")
    String phone_default_region() default "NL";

    @AttributeDefinition(required = false, description = "Retries of a request after HTTP 429, 5xx or a connection error")
    String retry_attempts() default "5";

    @AttributeDefinition(required = false, description = "First wait before a retry, doubled each time (ISO-8601)")
    String retry_backoff() default "PT1S";

    @AttributeDefinition(required = false, description = "Longest single wait before a retry, also caps Retry-After")
    String retry_max_wait() default "PT60S";

    @AttributeDefinition(required = false, description = "Connect and response timeout of one request (ISO-8601)")
    String http_timeout() default "PT30S";
}
