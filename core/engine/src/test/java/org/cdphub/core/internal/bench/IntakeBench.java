package org.cdphub.core.internal.bench;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.core.internal.merge.MergeEngine;
import org.cdphub.core.internal.merge.ProbabilisticMatching;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.matching.internal.gen.PeopleGenerator;

/**
 * The start of the performance harness (issue 6): intake of the merge stage's engine against the limit it is held to.
 * N generated records (CRM, commerce and DMP-like, see {@link PeopleGenerator}) become fragments; (1) the engine
 * merges them in batches into unified profiles, (2) the same fragments are written by a plain batched JDBC insert into
 * a table of the same database, with no pipeline. Prints one JSON line with both rates and their ratio. The broker and
 * the connector are not in this measurement yet: it is the merge stage alone, an upper bound of end-to-end intake.
 */
public final class IntakeBench {

    /** What came out. */
    public record Result(String store, int records, long profiles, double mergeSeconds, double insertSeconds,
            long heapMb, long rssMb) {

        public double mergePerSecond() {
            return records / Math.max(mergeSeconds, 1e-9);
        }

        public double insertPerSecond() {
            return records / Math.max(insertSeconds, 1e-9);
        }

        public String json() {
            return String.format(java.util.Locale.ROOT, "{\"store\":\"%s\",\"records\":%d,\"profiles\":%d,"
                    + "\"mergeRecordsPerSecond\":%.0f,\"plainInsertRecordsPerSecond\":%.0f,\"ratio\":%.4f,"
                    + "\"mergeSeconds\":%.1f,\"heapAfterMergeMB\":%d,\"rssAfterMergeMB\":%d}", store, records,
                    profiles, mergePerSecond(), insertPerSecond(), mergePerSecond() / insertPerSecond(), mergeSeconds,
                    heapMb, rssMb);
        }
    }

    private IntakeBench() {
    }

    public static Result run(int records, int batch, String store, Path work) throws Exception {
        Path csv = work.resolve("intake-" + records + ".csv");
        if (!Files.exists(csv)) {
            new PeopleGenerator(42).write(csv, records);
        }
        DataSource dataSource = SegmentBench.dataSource(store);
        MergeEngine engine = new MergeEngine(dataSource, new IdentifierNormalizer("AU"), ResolutionRules.defaults(),
                ProbabilisticMatching.defaults(), Clock.systemUTC());
        long[] nanos = {0};
        int read = forEachBatch(csv, batch, fragments -> { // streamed: the heap holds one batch of input
            long t0 = System.nanoTime(); // only merging is timed, not reading the CSV
            engine.merge(fragments);
            nanos[0] += System.nanoTime() - t0;
        });
        double merge = nanos[0] / 1e9;
        long heap = heapAfterGcMb(); // what the merge path keeps, with the store's caches
        long rss = residentMb();
        long profiles;
        try (Connection c = dataSource.getConnection()) {
            profiles = ProfileTable.count(c);
        }
        double insert = plainInsert(dataSource, csv, batch);
        return new Result(store, read, profiles, merge, insert, heap, rss);
    }

    /** Resident memory of this process (Linux {@code VmRSS}), or -1 where it cannot be read. */
    private static long residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long heapAfterGcMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    /** The same fragments as JSON rows in a plain table, batched, one transaction per batch. */
    private static double plainInsert(DataSource dataSource, Path csv, int batch) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // the column types of cdp_fragment on this database (on H2 a JSON body is a VARCHAR, not a CLOB)
            String body = c.getMetaData().getDatabaseProductName().startsWith("H2") ? "varchar(1000000000)" : "text";
            s.execute("create table bench_fragment (source varchar(200) not null, source_record_id varchar(500) not null,"
                    + " body " + body + " not null, primary key (source, source_record_id))");
        }
        long[] nanos = {0};
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into bench_fragment (source, source_record_id, body) values (?, ?, ?)")) {
            c.setAutoCommit(false);
            forEachBatch(csv, batch, fragments -> { // only writing is timed, not reading the CSV
                long t0 = System.nanoTime();
                try {
                    for (Fragment f : fragments) {
                        ps.setString(1, f.source());
                        ps.setString(2, f.sourceRecordId());
                        ps.setString(3, CdpJson.write(f));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                nanos[0] += System.nanoTime() - t0;
            });
        }
        return nanos[0] / 1e9;
    }

    /**
     * Generated rows as fragments, handed over in batches: e-mail, phone, cookie and device ids as identifiers, the
     * rest as traits.
     */
    private static int forEachBatch(Path csv, int batch, java.util.function.Consumer<List<Fragment>> sink)
            throws Exception {
        Map<String, String> traits = StreamingResolve.pairs("firstName=firstName,lastName=lastName,"
                + "birthDate=birthDate,streetNumber=streetNumber,addressLine1=addressLine1,city=city,"
                + "postcode=postcode,region=region,country=country");
        Map<String, String> identifiers = StreamingResolve.pairs("email=email,phone=phone,cookieId=cookieId,"
                + "deviceId=deviceId");
        StreamingResolve.Options options = new StreamingResolve.Options(csv, "id", "", traits, identifiers, 0,
                TestDatabase.H2);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        int n = 0;
        List<Fragment> fragments = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(in)) {
            for (CSVRecord row : parser) {
                fragments.add(StreamingResolve.fragment(row, n, t0.plusSeconds(n), options));
                n++;
                if (fragments.size() == batch) {
                    sink.accept(fragments);
                    fragments = new ArrayList<>();
                }
            }
        }
        if (!fragments.isEmpty()) {
            sink.accept(fragments);
        }
        return n;
    }

    /** {@code IntakeBench <records> <batch> <H2FILE|H2|POSTGRESQL>...} */
    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        Path work = Files.createTempDirectory("cdphub-intake");
        for (int i = 2; i < args.length; i++) {
            System.out.println(run(records, batch, args[i], work).json());
        }
        System.exit(0);
    }
}
