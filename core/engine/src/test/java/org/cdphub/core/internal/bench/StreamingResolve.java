package org.cdphub.core.internal.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.core.internal.merge.MergeEngine;
import org.cdphub.core.internal.merge.ProbabilisticMatching;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.matching.internal.eval.PairwiseEvaluation;

/**
 * Merge quality of the streaming engine: feeds a CSV with ground truth through {@link MergeEngine#merge} in batches,
 * as the merge stage would, then scores the stored profiles pairwise against the truth (precision, recall, F1 on the
 * final profiles) and reports records/s. A benchmark, run by {@code bench/stream-resolve.sh}; the truth column is
 * only read to score, never turned into a feature.
 *
 * <p>Every record gets an identifier of its own ({@code benchRecord:<row>}), which links nothing, so that only the
 * mapped identifiers and probabilistic matching can join records.
 */
public final class StreamingResolve {

    /** What to run. */
    public record Options(Path input, String idColumn, String truthRegex, Map<String, String> traits,
            Map<String, String> identifiers, int batch, TestDatabase database) {
    }

    /** What came out. */
    public record Outcome(int records, int profiles, PairwiseEvaluation evaluation, double seconds, int rejected,
            Map<String, Integer> reasons) {

        public double recordsPerSecond() {
            return records / Math.max(seconds, 1e-9);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%d records -> %d profiles, %d refused; precision %.4f recall %.4f F1 %.4f; %.1f s, %.0f records/s",
                    records, profiles, rejected, evaluation.precision(), evaluation.recall(), evaluation.f1(), seconds,
                    recordsPerSecond()) + (reasons.isEmpty() ? "" : "; refused because " + reasons);
        }
    }

    private StreamingResolve() {
    }

    public static Outcome run(Options options) throws IOException, SQLException {
        DataSource dataSource = options.database().fresh();
        MergeEngine engine = new MergeEngine(dataSource, new IdentifierNormalizer("AU"), ResolutionRules.defaults(),
                ProbabilisticMatching.defaults(), Clock.systemUTC());
        List<String> truthIds = new ArrayList<>();
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        int rejected = 0;
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        long start = System.nanoTime();
        try (Reader in = Files.newBufferedReader(options.input(), StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .setIgnoreSurroundingSpaces(true).get().parse(in)) {
            List<Fragment> batch = new ArrayList<>();
            for (CSVRecord row : csv) {
                int n = truthIds.size();
                truthIds.add(row.get(options.idColumn()));
                batch.add(fragment(row, n, t0.plusSeconds(n), options));
                if (batch.size() == options.batch()) {
                    rejected += count(engine.merge(batch), reasons);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                rejected += count(engine.merge(batch), reasons);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> profileIndex = new HashMap<>();
        int[] cluster = new int[truthIds.size()];
        java.util.Arrays.fill(cluster, -1);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select source_record_id, profile_id from cdp_fragment")) {
            while (rs.next()) {
                int row = Integer.parseInt(rs.getString(1).substring(1));
                cluster[row] = profileIndex.computeIfAbsent(rs.getString(2), k -> profileIndex.size());
            }
        }
        for (int i = 0; i < cluster.length; i++) {
            if (cluster[i] < 0) { // refused: a profile of its own
                cluster[i] = profileIndex.size() + i;
            }
        }
        int[] truth = PairwiseEvaluation.truthFromIds(truthIds.toArray(String[]::new), options.truthRegex());
        return new Outcome(truthIds.size(), profileIndex.size(), PairwiseEvaluation.of(cluster, truth), seconds,
                rejected, reasons);
    }

    private static int count(org.cdphub.api.service.MergeResult result, Map<String, Integer> reasons) {
        result.rejected().forEach(r -> reasons.merge(r.reason().replaceAll("'[^']*'", "'…'"), 1, Integer::sum));
        return result.rejected().size();
    }

    static Fragment fragment(CSVRecord row, int n, Instant observedAt, Options options) {
        List<Identifier> identifiers = new ArrayList<>();
        identifiers.add(new Identifier("benchRecord", "r" + n));
        options.identifiers().forEach((column, type) -> {
            String value = row.isMapped(column) ? row.get(column).strip() : "";
            if (!value.isEmpty()) {
                identifiers.add(new Identifier(type, value));
            }
        });
        Map<String, Object> traits = new LinkedHashMap<>();
        options.traits().forEach((column, trait) -> {
            String value = row.isMapped(column) ? row.get(column).strip() : "";
            if (!value.isEmpty()) {
                traits.put(trait, value);
            }
        });
        return new Fragment("bench", "r" + n, observedAt, identifiers, traits, null, null, null);
    }

    /** {@code col=name,col=name} */
    static Map<String, String> pairs(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String pair : spec.split(",")) {
                String[] kv = pair.split("=", 2);
                map.put(kv[0].strip(), kv[1].strip());
            }
        }
        return map;
    }

    /**
     * {@code StreamingResolve <input.csv> <idColumn> <truthRegex> <traits col=trait,...> <identifiers col=type,...>
     * <batch> [H2|POSTGRESQL]}
     */
    public static void main(String[] args) throws Exception {
        Options options = new Options(Path.of(args[0]), args[1], args[2], pairs(args[3]), pairs(args[4]),
                Integer.parseInt(args[5]), args.length > 6 ? TestDatabase.valueOf(args[6]) : TestDatabase.H2);
        System.out.println(run(options));
        System.exit(0);
    }
}
