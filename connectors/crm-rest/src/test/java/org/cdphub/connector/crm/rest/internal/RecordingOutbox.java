package org.cdphub.connector.crm.rest.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;

/** Keeps what a sync delivers; can be told to fail the n-th fragments delivery (the broker going away). */
final class RecordingOutbox implements Outbox {

    final List<List<String>> fragmentIds = new CopyOnWriteArrayList<>();
    final List<Fragment> fragments = new CopyOnWriteArrayList<>();
    final List<List<String>> removals = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final int failAtBatch;

    RecordingOutbox() {
        this(Integer.MAX_VALUE);
    }

    /** @param failAtBatch the fragments delivery (1-based) that throws */
    RecordingOutbox(int failAtBatch) {
        this.failAtBatch = failAtBatch;
    }

    @Override
    public void fragments(List<Fragment> batch) {
        if (fragmentIds.size() + 1 == failAtBatch) {
            throw new IllegalStateException("broker unavailable");
        }
        fragmentIds.add(batch.stream().map(Fragment::sourceRecordId).toList());
        fragments.addAll(batch);
    }

    @Override
    public void removals(List<String> ids) {
        removals.add(List.copyOf(ids));
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }
}
