package org.cdphub.connector.crm.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one {@code crm-jdbc} instance ({@code etc/org.cdphub.connector.crm.jdbc-<name>.cfg}). Numbers are
 * read as text so that a bad value is reported with its key; see {@link CrmJdbcSettings}.
 */
@ObjectClassDefinition(name = "CDP Hub CRM JDBC connector",
        description = "Reads contacts (and their accounts) incrementally from a CRM's own relational database: rows "
                + "changed since the last poll, in (modified, key) order, with soft-deleted rows as removals.")
public @interface CrmJdbcConfig {

    @AttributeDefinition(description = "Instance id, unique in the hub (a-z, 0-9, '-'); also the source of its fragments")
    String id();

    @AttributeDefinition(description = "JDBC URL of the CRM database, e.g. jdbc:postgresql://crm-db:5432/crm")
    String jdbc_url();

    @AttributeDefinition(required = false, description = "Database user (read access to the tables is enough)")
    String jdbc_user() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Database password")
    String jdbc_password() default "";

    @AttributeDefinition(required = false, description = "Contacts table, optionally schema-qualified")
    String contacts_table() default "contacts";

    @AttributeDefinition(required = false, description = "Primary key column of the contacts table")
    String key_column() default "id";

    @AttributeDefinition(required = false, description = "Column the CRM sets whenever it changes a contact "
            + "(timestamp, timestamptz or date); rows where it is null are not read")
    String modified_column() default "updated_at";

    @AttributeDefinition(required = false, description = "Soft-delete column, e.g. deleted_at (set = deleted) or "
            + "is_deleted (true = deleted); empty when the CRM deletes rows for good")
    String deleted_column() default "";

    @AttributeDefinition(description = "Column=target pairs for contact columns: email, phone, "
            + "consent.<purpose>.<channel>, optout.<purpose>.<channel>, trait.<name>, date.<name>, ignore")
    String mapping();

    @AttributeDefinition(required = false, description = "Accounts table joined to each contact; empty for none")
    String accounts_table() default "accounts";

    @AttributeDefinition(required = false, description = "Column of the contacts table referring to its account")
    String account_column() default "account_id";

    @AttributeDefinition(required = false, description = "Primary key column of the accounts table")
    String accounts_key_column() default "id";

    @AttributeDefinition(required = false, description = "Column=target pairs for account columns, targets "
            + "trait.<name>, date.<name>, e.g. 'name=trait.company, industry=trait.industry'")
    String accounts_mapping() default "";

    @AttributeDefinition(required = false, description = "Time zone of timestamps stored without one")
    String timezone() default "UTC";

    @AttributeDefinition(required = false,
            description = "ISO 3166 region for phone numbers written without a country code, e.g. NL")
    String phone_default_region() default "NL";

    @AttributeDefinition(required = false, description = "Rows per query and per batch sent on (1-10000)")
    String batch_size() default "500";

    @AttributeDefinition(required = false, description = "Milliseconds between two polls (100-86400000)")
    String poll_interval() default "60000";

    @AttributeDefinition(required = false, description = "Retries of a failed poll step before the poll gives up "
            + "until the next one (0-10)")
    String retry_attempts() default "3";

    @AttributeDefinition(required = false, description = "Milliseconds before the first retry, doubled for each "
            + "further one (1-600000)")
    String retry_delay_ms() default "1000";

    @AttributeDefinition(required = false, description = "Connections in the pool (1-20)")
    String pool_size() default "2";

    @AttributeDefinition(required = false,
            description = "Milliseconds to wait for a connection before a poll step fails (250-600000)")
    String connect_timeout_ms() default "10000";
}
