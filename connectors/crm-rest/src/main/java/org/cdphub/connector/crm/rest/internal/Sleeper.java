package org.cdphub.connector.crm.rest.internal;

import java.time.Duration;

/** How the client waits before a retry; tests replace it to record the waits instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
