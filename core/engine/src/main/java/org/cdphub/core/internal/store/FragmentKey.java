package org.cdphub.core.internal.store;

/** Primary key of a stored fragment. */
public record FragmentKey(String source, String sourceRecordId) {
}
