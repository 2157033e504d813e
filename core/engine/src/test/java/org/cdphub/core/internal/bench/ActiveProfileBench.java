package org.cdphub.core.internal.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.core.internal.merge.MergeEngine;
import org.cdphub.core.internal.merge.ProbabilisticMatching;
import org.cdphub.core.internal.rules.ResolutionRules;

/**
 * One very active person: a tracked visitor whose every page view is a record of its own (as the tracking connector
 * sends them), merged in batches into one profile. A merge rebuilds a profile from all of its stored fragments, so the
 * cost of a batch grows with the fragments the profile already has: this measures how much, and how large the
 * profile's document gets. Prints one JSON line: the time of the batch that brought the profile to each checkpoint.
 */
public final class ActiveProfileBench {

    /** What came out: per checkpoint (fragments of the profile after the batch), the batch's milliseconds. */
    public record Result(String store, int perBatch, List<int[]> checkpoints, long documentBytes, long seconds) {

        public String json() {
            StringJoiner points = new StringJoiner(",", "[", "]");
            checkpoints.forEach(c -> points.add("{\"fragments\":" + c[0] + ",\"batchMs\":" + c[1] + "}"));
            return String.format(Locale.ROOT, "{\"store\":\"%s\",\"eventsPerBatch\":%d,\"batches\":%s,"
                    + "\"profileDocumentBytes\":%d,\"totalSeconds\":%d}", store, perBatch, points, documentBytes,
                    seconds);
        }
    }

    private ActiveProfileBench() {
    }

    public static Result run(int events, int perBatch, String store) throws Exception {
        DataSource dataSource = SegmentBench.dataSource(store);
        MergeEngine engine = new MergeEngine(dataSource, new IdentifierNormalizer("NL"), ResolutionRules.defaults(),
                ProbabilisticMatching.defaults(), Clock.systemUTC());
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<int[]> checkpoints = new ArrayList<>();
        long start = System.nanoTime();
        int next = Math.min(perBatch, events);
        for (int n = 0; n < events; ) {
            List<Fragment> batch = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch && n < events; i++, n++) {
                Instant at = t0.plusSeconds(n * 30L);
                batch.add(new Fragment("web", "m-" + n, at, List.of(new Identifier("anonymousId", "web:a-1"),
                        new Identifier("email", "ann@example.com")), Map.of(), List.of(),
                        List.of(new Event("page", at, "web", "m-" + n, Map.of("url", "https://shop.example.com/p/" + n,
                                "title", "Product " + n))), Map.of(), null));
            }
            long t = System.nanoTime();
            engine.merge(batch);
            int ms = (int) ((System.nanoTime() - t) / 1_000_000);
            if (n >= next || n == events) {
                checkpoints.add(new int[] {n, ms});
                next = next * 2;
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        long bytes;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select max(length(doc)) from cdp_profile");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            bytes = rs.getLong(1);
        }
        if (dataSource instanceof AutoCloseable pool) {
            pool.close();
        }
        return new Result(store, perBatch, checkpoints, bytes, seconds);
    }

    /** {@code events perBatch store}. */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perBatch = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String store = args.length > 2 ? args[2] : "H2FILE";
        System.out.println(run(events, perBatch, store).json());
        System.exit(0);
    }
}
