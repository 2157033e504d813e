package org.cdphub.matching.internal.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.internal.eval.PairwiseEvaluation;
import org.cdphub.matching.internal.io.ClusterOutput;
import org.cdphub.matching.internal.io.CsvInput;
import org.cdphub.matching.internal.resolve.Resolution;
import org.cdphub.matching.internal.resolve.ResolveOptions;
import org.cdphub.matching.internal.resolve.Resolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cdphub resolve}: clusters the records of a CSV file into profiles. */
@Command(name = "resolve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merges records of the same person in a CSV file (probabilistic matching, Fellegi-Sunter with"
                + " EM-estimated weights) and writes record_id,profile_id.",
                "Progress and diagnostics go to stderr, the summary to stdout."})
final class ResolveCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "CSV file with a header row")
    Path input;

    @Option(names = "--output", required = true, description = "where to write record_id,profile_id")
    Path output;

    @Option(names = "--id-column", required = true, description = "column with the record id (never a feature)")
    String idColumn;

    @Option(names = "--map", split = ",", paramLabel = "COLUMN=FIELD", description = {
            "column to canonical field, e.g. given_name=firstName,surname=lastName. Fields: firstName, lastName,"
                    + " birthDate, email, phone, streetNumber, addressLine1, addressLine2, city, postcode, region,"
                    + " country, nationalId, cookieId, deviceId. Unmapped columns are ignored.",
            "Default: columns named like a field (case, '_' and '-' ignored)."})
    Map<String, String> mapping = new LinkedHashMap<>();

    @Option(names = "--delimiter", defaultValue = ",", description = "field separator (default: ${DEFAULT-VALUE});"
            + " values are trimmed, so ', ' separated files need no special handling")
    String delimiter;

    @Option(names = "--threshold", description = "match threshold in bits (log2 likelihood ratio). Default: auto, the"
            + " score at which a pair is as likely a match as not, from the share of matches EM estimates")
    Double threshold;

    @Option(names = "--link-threshold", description = "average-link threshold for joining clusters"
            + " (default: the match threshold)")
    Double linkThreshold;

    @Option(names = "--weights", description = "fixed m/u weights (properties file, as written by --save-weights)"
            + " instead of EM; the threshold still comes from --threshold")
    Path weights;

    @Option(names = "--save-weights", description = "write the weights used (e.g. the EM estimate) to this file")
    Path saveWeights;

    @Option(names = "--block-cap", defaultValue = "" + ResolveOptions.DEFAULT_BLOCK_CAP,
            description = "skip blocks with more records than this (default: ${DEFAULT-VALUE})")
    int blockCap;

    @Option(names = "--truth-regex", description = "evaluate against the truth in the record id: records whose ids"
            + " give the same first group are the same person, e.g. '^rec-(\\d+)-'")
    String truthRegex;

    @Option(names = "--progress-every", defaultValue = "100000", hidden = true)
    long progressEvery;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character; values are trimmed anyway");
        }
        long t0 = System.nanoTime();
        CsvInput.Result in = CsvInput.read(input, delimiter.charAt(0), idColumn, mapping, err, progressEvery);
        long t1 = System.nanoTime();
        err.printf("read %,d rows: %,d records, %,d bad rows, %,d birth dates off the calendar kept as digits%n",
                in.rows(), in.records().length, in.badRows(), in.offCalendarDates());
        ResolveOptions options = ResolveOptions.defaults().withBlockCap(blockCap).withThreshold(threshold)
                .withLinkThreshold(linkThreshold);
        if (weights != null) {
            options = options.withFixedModel(MatchModel.load(weights));
        }
        Resolution r = new Resolver(options, err::println).resolve(in.records());
        if (saveWeights != null) {
            r.model().save(saveWeights);
        }
        ClusterOutput.write(output, in.ids(), r.clusterOf());
        long t2 = System.nanoTime();
        double secs = (t2 - t0) / 1e9;
        out.printf(Locale.ROOT, "records: %d read, %d bad rows (reported on stderr, not resolved)%n", in.rows(),
                in.badRows());
        out.printf(Locale.ROOT, "profiles: %d from %d records; candidate pairs %d, matched pairs %d, threshold %.2f%n",
                r.clusterCount(), in.records().length, r.candidatePairs(), r.matchedPairs(), r.model().threshold());
        out.printf(Locale.ROOT, "time: %.2f s (read %.2f s, block %.2f s, weights %.2f s, score %.2f s,"
                        + " cluster %.2f s), %.0f records/s%n", secs, (t1 - t0) / 1e9, r.phaseNanos()[0] / 1e9,
                r.phaseNanos()[1] / 1e9, r.phaseNanos()[2] / 1e9, r.phaseNanos()[3] / 1e9, in.rows() / secs);
        if (truthRegex != null) {
            PairwiseEvaluation ev = PairwiseEvaluation.of(r.clusterOf(),
                    PairwiseEvaluation.truthFromIds(in.ids(), truthRegex));
            out.printf(Locale.ROOT, "evaluation (pairwise, final clusters): %s%n", ev);
        }
        out.println("output: " + output);
        return 0;
    }
}
