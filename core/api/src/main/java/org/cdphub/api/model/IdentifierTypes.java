package org.cdphub.api.model;

/** Names of the identifier types the hub knows out of the box. Connectors may use further types. */
public final class IdentifierTypes {
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    /** Id of a contact in a CRM; the value is prefixed with the source system so ids of two CRMs never collide. */
    public static final String CRM_ID = "crmId";
    public static final String CUSTOMER_ID = "customerId";
    /**
     * A third-party cookie id, as a DMP or ad server knows a browser; the value is prefixed with the platform
     * ({@code dmp-acme:9f2c...}). Anonymous: never linked to a person by probability, only through a first-party event
     * that carries it together with a first-party id (a cookie sync, a logged-in page view).
     */
    public static final String COOKIE_ID = "cookieId";
    /** A mobile advertising id (IDFA, GAID); anonymous like {@link #COOKIE_ID}. */
    public static final String DEVICE_ID = "deviceId";
    /** The first-party anonymous id a website or app sets (Segment's {@code anonymousId}). */
    public static final String ANONYMOUS_ID = "anonymousId";
    public static final String HASHED_EMAIL = "hashedEmail";

    private IdentifierTypes() {
    }
}
