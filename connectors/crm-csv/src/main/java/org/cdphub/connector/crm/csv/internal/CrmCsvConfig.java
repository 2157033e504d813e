package org.cdphub.connector.crm.csv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one {@code crm-csv} instance ({@code etc/org.cdphub.connector.crm.csv-<name>.cfg}). Numbers are
 * read as text so that a bad value is reported with its key; see {@link CrmCsvSettings}.
 */
@ObjectClassDefinition(name = "CDP Hub CRM CSV connector",
        description = "Reads CRM contacts from CSV files dropped into an inbox folder; the mapping names what each "
                + "column means. Processed files move to <inbox>/.done, files that fail as a whole to <inbox>/.failed.")
public @interface CrmCsvConfig {

    @AttributeDefinition(description = "Instance id, unique in the hub (a-z, 0-9, '-'); also the source of its fragments")
    String id();

    @AttributeDefinition(description = "Folder to watch for *.csv files")
    String inbox();

    @AttributeDefinition(required = false, description = "The export conventions of a CRM's standard contact "
            + "export: hubspot, salesforce (Data Loader), pipedrive or zoho. It supplies mapping, delimiter and "
            + "date.format; explicit settings override it")
    String preset() default "";

    @AttributeDefinition(required = false, description = "Column=target pairs separated by commas, e.g. "
            + "'Id=recordId, Email=email, MobilePhone=phone, FirstName=trait.firstName'. Targets: recordId (exactly "
            + "once), observedAt, email, phone, consent.<purpose>.<channel>, optout.<purpose>.<channel>, "
            + "trait.<name>, ignore. Required without a preset; with one, entries replace the preset's")
    String mapping() default "";

    @AttributeDefinition(required = false,
            description = "Field delimiter: one character, or \\t for tab; empty: the preset's, or ','")
    String delimiter() default "";

    @AttributeDefinition(required = false, description = "Pattern (java.time.format.DateTimeFormatter) of the "
            + "observedAt column, e.g. dd/MM/yyyy HH:mm, tried before the ISO-8601 forms; empty: the preset's, or "
            + "ISO-8601 only")
    String date_format() default "";

    @AttributeDefinition(required = false, description = "Character set of the files")
    String charset() default "UTF-8";

    @AttributeDefinition(required = false,
            description = "ISO 3166 region for phone numbers written without a country code, e.g. NL")
    String phone_default_region() default "NL";

    @AttributeDefinition(required = false, description = "Fragments per batch sent on (1-10000)")
    String batch_size() default "500";

    @AttributeDefinition(required = false, description = "Milliseconds between two looks into the inbox")
    String poll_delay_ms() default "1000";
}
