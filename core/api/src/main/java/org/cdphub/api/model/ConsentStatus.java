package org.cdphub.api.model;

/** State of one consent; {@code UNKNOWN} means the source said nothing usable and never counts as granted. */
public enum ConsentStatus {
    GRANTED, DENIED, UNKNOWN
}
