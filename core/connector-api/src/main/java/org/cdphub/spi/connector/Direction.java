package org.cdphub.spi.connector;

/** Whether a connector brings data in or sends it out. */
public enum Direction {
    INBOUND, OUTBOUND
}
