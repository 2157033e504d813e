package org.cdphub.core.internal.segment;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.cdphub.core.internal.store.ProfileScan;
import org.cdphub.core.internal.store.SegmentStateTable;
import org.cdphub.core.internal.store.StoreException;

/**
 * Reads a keyset page of the sweep in chunks, on a thread and a connection of its own, so that the sweep's transaction
 * evaluates and writes the first chunks while the next ones are read: per chunk its documents and stored segment
 * state. The page's transaction holds the segment lock, so no writer changes segment state meanwhile, and it writes
 * only the segment state of chunks already read: what this connection reads (committed data) is what the transaction
 * would read itself. Merges may commit a document after it was read; they announce that profile, which is evaluated
 * again after the page. The transaction waits for the reader's connection from the pool: the pool needs a
 * connection more than the writers that run at once (the hub's has 8).
 */
final class SweepReader {

    /** One chunk: documents in id order, and the stored segment state of those profiles that have one. */
    record Chunk(List<ProfileScan.StoredDoc> docs, Map<String, SegmentStateTable.State> states) {
    }

    private static final Chunk END = new Chunk(List.of(), Map.of());

    private final List<CompletableFuture<Chunk>> chunks = new ArrayList<>();
    private volatile boolean closed;

    private SweepReader(int count) {
        for (int k = 0; k < count; k++) {
            chunks.add(new CompletableFuture<>());
        }
    }

    /** Starts reading up to {@code max} profiles after {@code afterId}, in chunks of {@code chunkSize}. */
    static SweepReader start(DataSource dataSource, String afterId, int max, int chunkSize) {
        SweepReader reader = new SweepReader((max + chunkSize - 1) / chunkSize);
        Thread thread = new Thread(() -> reader.read(dataSource, afterId, max, chunkSize),
                "cdphub-segment-sweep-reader");
        thread.setDaemon(true);
        thread.start();
        return reader;
    }

    /** Number of chunks (the last ones are empty when the page is short). */
    int size() {
        return chunks.size();
    }

    /** Chunk {@code k}, once read; throws what reading it threw. */
    Chunk get(int k) {
        try {
            return chunks.get(k).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new StoreException(
                    "segment sweep: reading profiles failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Stops reading after the chunk at hand (the page is done, or its transaction failed). */
    void close() {
        closed = true;
    }

    private void read(DataSource dataSource, String afterId, int max, int chunkSize) {
        try (Connection c = dataSource.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            String after = afterId;
            boolean ended = false;
            for (int k = 0; k < chunks.size(); k++) {
                int size = Math.min(chunkSize, max - k * chunkSize);
                List<ProfileScan.StoredDoc> docs = ended || closed ? List.of() : ProfileScan.after(c, after, size);
                if (docs.isEmpty()) {
                    ended = true;
                    chunks.get(k).complete(END);
                    continue;
                }
                String last = docs.get(docs.size() - 1).profileId();
                chunks.get(k).complete(new Chunk(docs, SegmentStateTable.between(c, after, last)));
                after = last;
                ended = docs.size() < size;
            }
        } catch (Throwable e) { // to the evaluating threads, which fail the page's transaction
            chunks.forEach(f -> f.completeExceptionally(e));
        }
    }
}
