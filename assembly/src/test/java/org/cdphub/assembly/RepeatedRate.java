package org.cdphub.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A limit's rate measured several times in a row ({@code cdphub.bench.limitRuns}, default {@value #DEFAULT_RUNS}), so
 * that the ratio a run reports is taken against the median rather than against one sample: on the project's machine
 * the plain insert alone spread by a quarter from one run to the next (docs/benchmarks.md, session 35). A run that
 * measured nothing (a rate of 0 or less, as the second limit reports its failure) is left out; a measurement that
 * throws ends the benchmark's run, as a failed plain insert did before.
 */
record RepeatedRate(List<Double> runs) {

    static final int DEFAULT_RUNS = 3;

    /** One measurement of the rate. */
    @FunctionalInterface
    interface Measurement {
        double rate() throws Exception;
    }

    RepeatedRate {
        runs = List.copyOf(runs);
    }

    /** How many times a limit is measured: {@code cdphub.bench.limitRuns}, at least 1. */
    static int times() {
        return Math.max(1, Integer.getInteger("cdphub.bench.limitRuns", DEFAULT_RUNS));
    }

    static RepeatedRate measure(int times, Measurement measurement) throws Exception {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            double rate = measurement.rate();
            if (rate > 0) {
                runs.add(rate);
            }
        }
        return new RepeatedRate(runs);
    }

    /** The median of the runs (of an even number, the mean of the middle two); 0 when none measured anything. */
    double median() {
        if (runs.isEmpty()) {
            return 0;
        }
        List<Double> sorted = runs.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** The runs as a JSON array of whole numbers, in the order they ran. */
    String json() {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).collect(Collectors.joining(",", "[",
                "]"));
    }
}
