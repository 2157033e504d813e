package org.cdphub.core.internal.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the writers of the profile store (merges and segment evaluations) within this JVM, so that two batches
 * never interleave their reads and writes of the same profiles.
 *
 * <p>This is enough for one Karaf node. Several nodes writing one database need a lock they share (for example a
 * PostgreSQL advisory lock taken at the start of the transaction); that comes with clustering and is not done here.
 */
public final class StoreLock {

    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private StoreLock() {
    }

    public static <T> T with(Supplier<T> work) {
        LOCK.lock();
        try {
            return work.get();
        } finally {
            LOCK.unlock();
        }
    }
}
