package org.cdphub.core.internal.bench;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.TraitValue;
import org.cdphub.core.internal.segment.SegmentEvaluator;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.SegmentDefinition;
import org.cdphub.segments.api.SegmentParser;

/**
 * Segment evaluation benchmark: N synthetic profiles written straight into the store (not through the merge, which is
 * measured elsewhere), 50 segment definitions of mixed conditions, then (1) a full evaluation, as after the
 * definitions changed: every profile due, evaluated in transactions of {@code batch} through the same code path as
 * the pipeline's schedule (the first time, so every membership is written), then again after one definition changed
 * (every profile evaluated, few memberships change), and (2) the incremental cost: single-profile evaluations (one
 * transaction each, as a profile change does) of a random sample, with p50/p99/max, after {@value #WARMUP} lone
 * changes of other profiles that warm the path up (their figures are printed apart). Run by
 * {@code bench/segments.sh}.
 */
public final class SegmentBench {

    private static final String[] COUNTRIES = {"NL", "BE", "DE", "FR", "GB", "ES", "IT", "US"};
    private static final String[] CITIES = {"Amsterdam", "Utrecht", "Rotterdam", "Antwerpen", "Berlin", "Paris"};
    private static final String[] PATHS = {"/shoes/run", "/shoes/trail", "/bags", "/sale", "/home", "/socks"};

    /** Lone changes before the measured ones, so that the JIT has compiled their path. */
    private static final int WARMUP = 10_000;
    /** {@code -Dbench.trace=<file>}: appends each lone change as "epoch-millis microseconds", to find slow clusters. */
    private static final String TRACE = System.getProperty("bench.trace");

    private SegmentBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        String store = args.length > 3 ? args[3] : "H2FILE";
        Instant now = Instant.parse("2026-11-29T09:00:00Z");
        DataSource dataSource = dataSource(store);

        long t0 = System.nanoTime();
        Random random = new Random(42);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Profile> chunk = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                chunk.add(profile(i, random, now));
                if (chunk.size() == 5_000) {
                    ProfileTable.insert(c, chunk);
                    c.commit();
                    chunk.clear();
                }
            }
            ProfileTable.insert(c, chunk);
            c.commit();
        }
        double load = (System.nanoTime() - t0) / 1e9;

        List<SegmentDefinition> definitions = definitions();
        Evaluator evaluator = Evaluator.create(ZoneOffset.UTC);
        long tm = System.nanoTime();
        long members = 0;
        Random again = new Random(42);
        for (int i = 0; i < n; i++) {
            org.cdphub.segments.api.EvaluationInput input = org.cdphub.segments.api.EvaluationInput.fromProfile(
                    profile(i, again, now));
            for (SegmentDefinition d : definitions) {
                if (evaluator.evaluate(d, input, now)) {
                    members++;
                }
                evaluator.nextFlip(d.condition(), input, now);
            }
        }
        double inMemory = (System.nanoTime() - tm) / 1e9;
        List<SegmentDefinition> active = new ArrayList<>(definitions);
        SegmentEvaluator segments = new SegmentEvaluator(dataSource, () -> List.copyOf(active),
                Evaluator.create(ZoneOffset.UTC), Clock.fixed(now, ZoneOffset.UTC));
        Runtime rt = Runtime.getRuntime();
        long t1 = System.nanoTime();
        long cpu1 = cpuNanos();
        int due = segments.definitionsChanged();
        long changes = evaluateAll(segments, batch);
        double full = (System.nanoTime() - t1) / 1e9;
        double fullCpu = (cpuNanos() - cpu1) / 1e9;
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        // a definition changed once memberships exist (the usual case): every profile is evaluated, few change
        active.set(0, SegmentParser.parse("s00.yaml", "name: s00\ncondition: {trait: country, equals: BE}\n"));
        long t2 = System.nanoTime();
        long cpu2 = cpuNanos();
        segments.definitionsChanged();
        long changedAgain = evaluateAll(segments, batch);
        double oneChanged = (System.nanoTime() - t2) / 1e9;
        double oneChangedCpu = (cpuNanos() - cpu2) / 1e9;

        // a profile change as the segment stage sees it: the profile's document changed (a page view under /shoes, or
        // a move to another city), then it is evaluated in a transaction of its own. Twice over the same sample: the
        // first change of a profile after the sweep evaluates every definition (no input hashes stored yet), the
        // second only those that read what changed.
        Random pick = new Random(7);
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            sample.add(id(pick.nextInt(n)));
        }
        // the lone path is other code than the sweep's: the JIT compiles it during the first few thousand changes,
        // which a running hub pays once. Warm it up on other profiles (reported apart) before measuring.
        List<String> warmup = new ArrayList<>();
        java.util.Set<String> measured = new java.util.HashSet<>(sample);
        for (int tries = 0; warmup.size() < WARMUP && tries < 10 * WARMUP; tries++) { // a small store: fewer
            String id = id(pick.nextInt(n));
            if (!measured.contains(id)) {
                warmup.add(id);
            }
        }
        long[] warm = timeChanges(dataSource, segments, warmup, 0, now);
        long[] first = timeChanges(dataSource, segments, sample, 0, now);
        long[] nanos = timeChanges(dataSource, segments, sample, 1, now);
        // as the segment stage sees them: the changed profiles of one merge batch (200) in one transaction
        int batches = Math.max(10, samples / 200);
        double[] perProfile = new double[batches];
        for (int b = 0; b < batches; b++) {
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                ids.add(sample.get((b * 200 + k) % sample.size()));
            }
            change(dataSource, ids, 2 + b, now);
            long s = System.nanoTime();
            segments.evaluate(ids, List.of());
            perProfile[b] = (System.nanoTime() - s) / 1e6 / ids.size();
        }
        Arrays.sort(perProfile);
        System.out.printf(java.util.Locale.ROOT,
                "{\"profiles\":%d,\"segments\":%d,\"store\":\"%s\",\"loadSeconds\":%.1f,\"inMemorySeconds\":%.1f,\"fullEvaluationSeconds\":%.1f,\"fullEvaluationCpuSeconds\":%.1f,"
                        + "\"profilesDue\":%d,\"membershipChanges\":%d,\"oneDefinitionChangedSeconds\":%.1f,\"oneDefinitionChangedCpuSeconds\":%.1f,"
                        + "\"membershipChangesAfterIt\":%d,\"heapMB\":%d,\"incrementalFirstMs\":{\"p50\":%.3f,"
                        + "\"p99\":%.3f,\"max\":%.3f},\"warmupMs\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f},\"incrementalMs\":{\"p50\":%.3f,"
                        + "\"p99\":%.3f,\"max\":%.3f},\"incrementalSamples\":%d,\"batchOf200MsPerProfile\":{\"p50\":%.3f,"
                        + "\"max\":%.3f},\"batches\":%d}%n",
                n, definitions.size(), store, load, inMemory, full, fullCpu, due, changes, oneChanged, oneChangedCpu,
                changedAgain, heap,
                first[samples / 2] / 1e6, first[(int) (samples * 0.99)] / 1e6, first[samples - 1] / 1e6,
                pct(warm, 0.5), pct(warm, 0.99), pct(warm, 1),
                nanos[samples / 2] / 1e6, nanos[(int) (samples * 0.99)] / 1e6, nanos[samples - 1] / 1e6, samples,
                perProfile[batches / 2], perProfile[batches - 1], batches);
        System.exit(0);
    }

    /** CPU time of the whole process (every thread: the evaluation's, H2's writer), in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The {@code q} quantile of sorted nanoseconds, in milliseconds (0 when there are none). */
    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    /** Changes each profile of {@code ids} in turn and times its evaluation alone; sorted nanoseconds. */
    private static long[] timeChanges(DataSource dataSource, SegmentEvaluator segments, List<String> ids, int round,
            Instant now) throws java.sql.SQLException, java.io.IOException {
        long[] nanos = new long[ids.size()];
        StringBuilder trace = TRACE == null ? null : new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            change(dataSource, List.of(ids.get(i)), round + i, now);
            long s = System.nanoTime();
            segments.evaluate(List.of(ids.get(i)), List.of());
            nanos[i] = System.nanoTime() - s;
            if (trace != null) {
                trace.append(System.currentTimeMillis()).append(' ').append(nanos[i] / 1000).append('\n');
            }
        }
        if (trace != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(TRACE), trace,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** A change to the stored documents of {@code ids}: a page view under /shoes (even {@code k}) or another city. */
    private static void change(DataSource dataSource, List<String> ids, int k, Instant now)
            throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Profile> changed = new ArrayList<>();
            for (Profile p : ProfileTable.load(c, ids).values()) {
                Map<String, TraitValue> traits = new LinkedHashMap<>(p.traits());
                List<Event> events = new ArrayList<>(p.events());
                if (k % 2 == 0) {
                    events.add(new Event("page", now.minusSeconds(60 + k), "web", p.profileId() + "-x" + k,
                            Map.of("path", "/shoes/x")));
                } else {
                    traits.put("city", new TraitValue(CITIES[k % CITIES.length], "bench", "x" + k, now));
                }
                changed.add(new Profile(p.profileId(), p.identifiers(), traits, p.consents(), events, p.segments(),
                        p.aliases(), p.sources(), p.createdAt(), now));
            }
            ProfileTable.update(c, changed);
            c.commit();
        }
    }

    /** Evaluates what is due, in transactions of {@code batch}, until nothing is; the number of membership changes. */
    private static long evaluateAll(SegmentEvaluator segments, int batch) {
        long changes = 0;
        while (true) {
            int got = segments.evaluateDue(batch).size();
            changes += got;
            if (got == 0 && !segments.fullEvaluationPending() && segments.evaluateDue(batch).isEmpty()) {
                return changes; // nothing due (a batch with no change comes back empty too: ask once more)
            }
        }
    }

    /**
     * H2FILE: an H2 file database in the temp folder behind a connection pool, as the hub's default store is (without
     * the pool the database would be closed, and compacted, whenever its last connection closes); H2 or POSTGRESQL:
     * a fresh database as the tests have, behind a pool too.
     */
    static DataSource dataSource(String store) throws java.io.IOException {
        if (!store.equals("H2FILE")) { // behind a pool as in the hub: a PostgreSQL connection costs ~10 ms to open
            com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
            pool.setDataSource(TestDatabase.valueOf(store).fresh());
            pool.setMaximumPoolSize(8);
            return new com.zaxxer.hikari.HikariDataSource(pool);
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cdphub-segment-bench");
        com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
        // -Dbench.h2.options=;CACHE_SIZE=... tries other H2 settings
        pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("store") + ";LOCK_TIMEOUT=10000"
                + System.getProperty("bench.h2.options", ""));
        pool.setMaximumPoolSize(8); // etc/org.ops4j.datasource-cdphub.cfg
        DataSource h2 = new com.zaxxer.hikari.HikariDataSource(pool);
        org.cdphub.core.internal.store.Migrations.migrate(h2);
        return h2;
    }

    public static String id(int i) {
        return String.format("p%08d", i);
    }

    /** Profile number {@code i}: traits, orders, page views, now and then a cart, a consent; the same for one seed. */
    public static Profile profile(int i, Random r, Instant now) {
        Map<String, TraitValue> traits = new LinkedHashMap<>();
        Instant seen = now.minus(Duration.ofDays(r.nextInt(400)));
        java.util.function.BiConsumer<String, Object> put = (k, v) -> traits.put(k, new TraitValue(v, "bench", "r" + i,
                seen));
        put.accept("country", COUNTRIES[r.nextInt(COUNTRIES.length)]);
        put.accept("city", CITIES[r.nextInt(CITIES.length)]);
        put.accept("email", "person" + i + "@example.com");
        put.accept("birthDate", LocalDate.of(1940 + r.nextInt(65), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString());
        put.accept("latitude", 50.5 + r.nextDouble() * 3);
        put.accept("longitude", 3.5 + r.nextDouble() * 4);
        List<Event> events = new ArrayList<>();
        int orders = r.nextInt(6);
        Instant last = null;
        for (int o = 0; o < orders; o++) {
            Instant at = now.minus(Duration.ofHours(1 + r.nextInt(24 * 365)));
            last = last == null || at.isAfter(last) ? at : last;
            events.add(new Event("order", at, "shop", i + "-o" + o, Map.of("total", 10 + r.nextInt(200),
                    "currency", "EUR")));
        }
        if (orders > 0) {
            put.accept("orderCount", orders);
            put.accept("totalSpend", 50.0 * orders);
            put.accept("lastOrderAt", last.toString());
        }
        int pages = r.nextInt(8);
        for (int p = 0; p < pages; p++) {
            events.add(new Event("page", now.minus(Duration.ofMinutes(1 + r.nextInt(60 * 24 * 30))), "web",
                    i + "-v" + p, Map.of("path", PATHS[r.nextInt(PATHS.length)])));
        }
        if (r.nextInt(4) == 0) {
            events.add(new Event("add_to_cart", now.minus(Duration.ofHours(1 + r.nextInt(72))), "web", i + "-c",
                    Map.of()));
        }
        if (r.nextInt(3) == 0) {
            put.accept("dmpAudiences", List.of("aud-" + r.nextInt(10), "aud-" + r.nextInt(10)));
        }
        List<Consent> consents = List.of(new Consent("marketing", "email",
                r.nextBoolean() ? ConsentStatus.GRANTED : ConsentStatus.DENIED, seen, "bench"));
        events.sort(java.util.Comparator.comparing(Event::occurredAt));
        return new Profile(id(i), List.of(), traits, consents, events, List.of(), List.of(), List.of(), seen, seen);
    }

    /** 50 definitions: traits, computed traits, event windows, sequences, birthdays, places, radius, consent,
     * audiences, membership of other segments, nested logic. */
    public static List<SegmentDefinition> definitions() throws Exception {
        List<String> yaml = new ArrayList<>();
        for (String country : COUNTRIES) {
            yaml.add("condition: {trait: country, equals: " + country + "}");
            yaml.add("condition: {all: [{trait: country, equals: " + country + "}, {trait: orderCount, gte: 2}]}");
        }
        for (int k = 1; k <= 5; k++) {
            yaml.add("condition: {trait: orderCount, gte: " + k + "}");
            yaml.add("condition: {trait: totalSpend, between: [" + (k * 40) + ", " + (k * 120) + "]}");
        }
        for (int d : new int[] {7, 14, 30}) {
            yaml.add("condition: {event: page, where: {path: {startsWith: /shoes}}, atLeast: 2, within: P" + d + "D}");
            yaml.add("condition: {trait: daysSinceLastOrder, gt: " + (d * 3) + "}");
        }
        yaml.add("condition: {event: add_to_cart, notFollowedBy: {event: order, within: PT24H}}");
        yaml.add("condition: {birthday: {withinDays: 7}}");
        yaml.add("condition: {birthday: {withinDays: 1}}");
        yaml.add("condition: {all: [{birthday: {withinDays: 7}}, {consent: marketing/email}]}");
        yaml.add("condition: {location: {near: {lat: 52.37, lon: 4.89}, radiusKm: 50}}");
        yaml.add("condition: {location: {near: {lat: 51.92, lon: 4.48}, radiusKm: 25}}");
        yaml.add("condition: {location: {city: Amsterdam}}");
        yaml.add("condition: {consent: marketing/email}");
        yaml.add("condition: {audience: aud-3}");
        yaml.add("condition: {any: [{audience: aud-1}, {audience: aud-2}]}");
        yaml.add("condition: {trait: email, endsWith: example.com}");
        yaml.add("condition: {trait: country, in: [NL, BE, DE]}");
        yaml.add("condition: {trait: city, in: [Amsterdam, Utrecht], ignoreCase: true}");
        yaml.add("condition: {event: page, where: {path: /sale}, within: P30D}");
        yaml.add("condition: {not: {trait: orderCount, exists: true}}");
        yaml.add("condition: {all: [{segment: s00}, {consent: marketing/email}]}");
        yaml.add("condition: {any: [{segment: s02}, {segment: s04}]}");
        yaml.add("condition: {all: [{any: [{trait: country, equals: NL}, {location: {city: Antwerpen}}]},"
                + " {not: {event: order, within: P30D}}, {event: page, within: P7D}]}");
        List<SegmentDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < yaml.size(); i++) {
            String name = String.format("s%02d", i);
            definitions.add(SegmentParser.parse(name + ".yaml", "name: " + name + "\n" + yaml.get(i) + "\n"));
        }
        if (definitions.size() != 50) {
            throw new IllegalStateException(definitions.size() + " definitions, expected 50");
        }
        return definitions;
    }
}
