package org.cdphub.api.model;

/** Names of the identifier types the hub knows out of the box. Connectors may use further types. */
public final class IdentifierTypes {
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    /** Id of a contact in a CRM; the value is prefixed with the source system so ids of two CRMs never collide. */
    public static final String CRM_ID = "crmId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String COOKIE_ID = "cookieId";
    public static final String DEVICE_ID = "deviceId";
    public static final String HASHED_EMAIL = "hashedEmail";

    private IdentifierTypes() {
    }
}
