package org.cdphub.spi.connector;

/** Lifecycle state of a connector instance in the runtime. */
public enum ConnectorState {
    STARTING, RUNNING, FAILED, STOPPED
}
