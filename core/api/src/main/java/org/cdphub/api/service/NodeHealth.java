package org.cdphub.api.service;

import java.util.List;

/**
 * Whether this node can do its work now: its store takes writes, its broker takes a connection, its disk has room,
 * its connectors run.
 * For a load balancer's or an orchestrator's probe ({@code GET /health}) and the console ({@code cdp:health}).
 */
public interface NodeHealth {

    /**
     * Checks the parts now, each bounded in time (a part that does not answer in time counts as down). Never throws.
     */
    Health check();

    /** The node's state: {@link Status#DOWN} when a part it cannot work without is down. */
    record Health(Status status, List<Part> parts) {

        public Health {
            parts = List.copyOf(parts);
        }
    }

    /**
     * One part.
     *
     * @param name     {@code store}, {@code broker}, {@code disk} or {@code connectors}
     * @param up       whether it works
     * @param required whether the node is down without it (the store, the broker, the disk); a failed connector only
     *                 makes the node {@link Status#DEGRADED}
     * @param detail   what was found, for the console (why it is down, which connectors failed)
     */
    record Part(String name, boolean up, boolean required, String detail) {
    }

    enum Status {
        /** Every part works. */
        UP,
        /** The store, the broker and the disk work; some connector does not. */
        DEGRADED,
        /** The store, the broker or the disk does not work: the node takes no records through. */
        DOWN
    }
}
