package org.cdphub.connector.dmp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one {@code dmp} instance ({@code etc/org.cdphub.connector.dmp-<name>.cfg}). Numbers and durations
 * are read as text so that a bad value is reported with its key; see {@link DmpSettings}.
 */
@ObjectClassDefinition(name = "CDP Hub DMP connector",
        description = "Reads audience files and cookie-sync feeds of a data management platform dropped into an inbox "
                + "folder. Third-party ids are kept with a time to live; they reach a person only through a cookie "
                + "sync or another first-party event carrying both ids. Processed files move to <inbox>/.done, files "
                + "that fail as a whole to <inbox>/.failed.")
public @interface DmpConfig {

    @AttributeDefinition(description = "Instance id, unique in the hub (a-z, 0-9, '-'); also the source of its fragments")
    String id();

    @AttributeDefinition(description = "Folder to watch for audience files and cookie-sync feeds")
    String inbox();

    @AttributeDefinition(description = "Id of the tracking connector instance whose anonymousId values the "
            + "partner_uid column of cookie-sync feeds holds (e.g. web)")
    String anonymous_id_scope();

    @AttributeDefinition(required = false, description = "Prefix of the cookieId/deviceId values "
            + "(<platform>:<id>); empty means the instance id")
    String platform() default "";

    @AttributeDefinition(required = false, description = "How long third-party data is kept after it was observed, "
            + "as an ISO-8601 duration in days, weeks or hours (P90D); at most P395D (13 months)")
    String ttl() default "P90D";

    @AttributeDefinition(required = false, description = "File name pattern of audience files (* and ?, any case)")
    String audience_include() default "audiences*.csv";

    @AttributeDefinition(required = false, description = "File name pattern of cookie-sync feeds (* and ?, any case)")
    String sync_include() default "sync*.csv";

    @AttributeDefinition(required = false, description = "Audience files: column of the third-party id")
    String audience_column_id() default "id";

    @AttributeDefinition(required = false, description = "Audience files: column of the id type (cookie or maid)")
    String audience_column_id_type() default "id_type";

    @AttributeDefinition(required = false, description = "Audience files: column of the segment ids, separated by |")
    String audience_column_segments() default "segments";

    @AttributeDefinition(required = false,
            description = "Audience files: optional column of the expiry (ISO instant or yyyy-MM-dd)")
    String audience_column_expires_at() default "expires_at";

    @AttributeDefinition(required = false, description = "Cookie-sync feeds: column of the DMP's cookie id")
    String sync_column_dmp_id() default "dmp_id";

    @AttributeDefinition(required = false,
            description = "Cookie-sync feeds: column of our first-party anonymous id (the tracking anonymousId)")
    String sync_column_partner_uid() default "partner_uid";

    @AttributeDefinition(required = false, description = "Cookie-sync feeds: column of the time of the sync")
    String sync_column_synced_at() default "synced_at";

    @AttributeDefinition(required = false, description = "Field delimiter: one character, or \\t for tab")
    String delimiter() default ",";

    @AttributeDefinition(required = false, description = "Character set of the files")
    String charset() default "UTF-8";

    @AttributeDefinition(required = false, description = "Fragments per batch sent on (1-10000)")
    String batch_size() default "500";

    @AttributeDefinition(required = false, description = "Milliseconds between two looks into the inbox")
    String poll_delay_ms() default "1000";
}
