package org.cdphub.assembly;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The figures of one run of the latency benchmark: send times against the outbound arrivals of the same people. */
record LatencyRun(int rate, int seconds, SteadySender.Sent sent, int arrived, double p50Ms, double p99Ms,
        double maxMs, double outboundWhileSending, double outboundOverall, int backlogAtSendEnd, int drainSeconds,
        String loadBefore, String loadAfter, Cpu cpu, long[] byEvent, List<CpuSampler.Sample> cpuReadings) {

    /**
     * @param cpu the CPU the hub, the local PostgreSQL and the benchmark's own process used from the first send until
     *            the last change arrived (or the drain ended)
     * @param cpuReadings the same read once a second meanwhile ({@link CpuSampler}), for {@link #perSecond()}
     */
    static LatencyRun of(int rate, int seconds, String runPrefix, SteadySender.Sent sent, OutboundReceiver receiver,
            int drainSeconds, String loadBefore, String loadAfter, Cpu cpu, List<CpuSampler.Sample> cpuReadings) {
        long[] sentAt = sent.sentAt();
        long[] latencies = new long[sentAt.length];
        long[] byEvent = new long[sentAt.length]; // -1: never arrived
        int arrived = 0;
        int bySendEnd = 0;
        long last = sent.start();
        for (int i = 0; i < sentAt.length; i++) {
            Long at = receiver.arrival(SteadySender.id(runPrefix, i));
            byEvent[i] = at == null ? -1 : at - sentAt[i];
            if (at != null) {
                latencies[arrived++] = at - sentAt[i];
                last = Math.max(last, at);
                if (at <= sent.end()) {
                    bySendEnd++;
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, arrived);
        Arrays.sort(sorted);
        double window = (sent.end() - sent.start()) / 1e9;
        double overall = (last - sent.start()) / 1e9;
        return new LatencyRun(rate, seconds, sent, arrived, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.99)),
                ms(rank(sorted, 1.0)), bySendEnd / window, overall > 0 ? arrived / overall : 0,
                sentAt.length - bySendEnd, drainSeconds, loadBefore, loadAfter, cpu, byEvent, cpuReadings);
    }

    /**
     * The run second by second of send time, to see whether the slow events come in bursts, when, and what the machine
     * did then. Tab-separated: the second, its start in UTC (to put beside the hub's, the GC's and PostgreSQL's logs),
     * the events sent in it, how many arrived, their p50, p99 and max ms, the cores the hub, PostgreSQL and the
     * benchmark kept busy about then (averaged over the once-a-second readings around it, so over about two seconds),
     * and the machine's dirty page cache in MB at its end (-1 where unknown): a drop of a hundred MB or more is the
     * kernel writing them out at once, which the broker's and PostgreSQL's syncs then wait behind.
     */
    String perSecond() {
        StringBuilder tsv = new StringBuilder(
                "second\tutc\tevents\tarrived\tp50Ms\tp99Ms\tmaxMs\thubCores\tpostgresCores\tbenchCores\tdirtyMB\n");
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
        long[] sentAt = sent.sentAt();
        int from = 0;
        for (int second = 0; from < sentAt.length; second++) {
            long begin = sent.start() + second * 1_000_000_000L;
            long end = begin + 1_000_000_000L;
            int to = from;
            while (to < sentAt.length && sentAt[to] < end) {
                to++;
            }
            long[] window = java.util.Arrays.stream(byEvent, from, to).filter(l -> l >= 0).sorted().toArray();
            long wall = CpuSampler.epochMillis(cpuReadings, begin);
            Cpu cores = CpuSampler.cores(cpuReadings, begin, end);
            long dirtyKb = CpuSampler.dirtyKbAt(cpuReadings, end);
            tsv.append(String.format(Locale.ROOT, "%d\t%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.2f\t%.2f\t%.2f\t%d%n", second,
                    wall < 0 ? "-" : clock.format(Instant.ofEpochMilli(wall)), to - from, window.length,
                    ms(rank(window, 0.5)), ms(rank(window, 0.99)), ms(rank(window, 1.0)), cores.hub(),
                    cores.postgres(), cores.bench(), dirtyKb < 0 ? -1 : dirtyKb / 1024));
            from = to;
        }
        return tsv.toString();
    }

    int never() {
        return sent.sentAt().length - arrived;
    }

    /** CPU microseconds per accepted event of the hub, PostgreSQL or the benchmark; -1 without events. */
    private double micros(double cpuSeconds) {
        return sent.ok() == 0 ? -1 : cpuSeconds * 1e6 / sent.ok();
    }

    String json() {
        return String.format(Locale.ROOT, "{\"rate\":%d,\"seconds\":%d,\"sent\":%d,\"accepted\":%d,\"refused\":%d,"
                + "\"failed\":%d,\"sendPerSecond\":%.1f,\"maxSendLagMs\":%.1f,\"arrived\":%d,\"never\":%d,"
                + "\"drainSeconds\":%d,\"p50Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f,\"outboundPerSecondWhileSending\":%.1f,"
                + "\"outboundPerSecondOverall\":%.1f,\"backlogAtSendEnd\":%d,\"loadBefore\":\"%s\",\"loadAfter\":\"%s\","
                + "\"hubCpuMicrosPerEvent\":%.0f,\"postgresCpuMicrosPerEvent\":%.0f,\"benchCpuMicrosPerEvent\":%.0f}",
                rate, seconds, sent.sentAt().length, sent.ok(), sent.refused(), sent.failed(), sent.perSecond(),
                sent.maxLagNanos() / 1e6, arrived, never(), drainSeconds, p50Ms, p99Ms, maxMs, outboundWhileSending,
                outboundOverall, backlogAtSendEnd, loadBefore, loadAfter, micros(cpu.hub()), micros(cpu.postgres()),
                micros(cpu.bench()));
    }

    static String markdownHeader() {
        return "| rate (events/s) × s | sent | achieved send rate | p50 ms | p99 ms | max ms | outbound/s while sending "
                + "| outbound/s overall | backlog at send end | never arrived (drain) | load before → after "
                + "| CPU-µs an event: hub, PostgreSQL, benchmark |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    }

    String markdownRow() {
        return String.format(Locale.ROOT, "| %,d × %d | %,d | %,.0f/s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,d | %,d"
                + " (%d s) | %s → %s | %,.0f, %,.0f, %,.0f |%n", rate, seconds, sent.sentAt().length, sent.perSecond(),
                p50Ms, p99Ms, maxMs, outboundWhileSending, outboundOverall, backlogAtSendEnd, never(), drainSeconds,
                loadBefore, loadAfter, micros(cpu.hub()), micros(cpu.postgres()), micros(cpu.bench()));
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    private static long rank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
