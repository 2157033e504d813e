package org.cdphub.assembly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Cpu} read once a second on a daemon thread while a run lasts, with the wall clock of each reading and the
 * machine's dirty page cache ({@code Dirty} of {@code /proc/meminfo}: written, not yet on the disk), so that a run's
 * slow seconds can be put beside what the hub, PostgreSQL and the benchmark were doing then, beside the kernel writing
 * out its dirty pages at once (docs/benchmarks.md, sessions 11 and 33), and beside the logs, whose lines carry the time
 * of day.
 */
final class CpuSampler implements AutoCloseable {

    /**
     * One reading: {@code nanos} of {@link System#nanoTime()}, {@code epochMillis} of the wall clock, the CPU so far,
     * the machine's dirty page cache in KB (-1 where unknown).
     */
    record Sample(long nanos, long epochMillis, Cpu cpu, long dirtyKb) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Path pidFile;
    private final boolean postgresToo;
    private final Thread thread;
    private volatile boolean stop;

    private CpuSampler(Path pidFile, boolean postgresToo) {
        this.pidFile = pidFile;
        this.postgresToo = postgresToo;
        thread = new Thread(() -> {
            long next = System.nanoTime();
            while (!stop) {
                take();
                next += 1_000_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "cpu-sampler");
        thread.setDaemon(true);
    }

    /** Starts reading the hub's ({@code pidFile}) and, when {@code postgresToo}, the local PostgreSQL's CPU. */
    static CpuSampler start(Path pidFile, boolean postgresToo) {
        CpuSampler sampler = new CpuSampler(pidFile, postgresToo);
        sampler.take(); // the first reading before the caller goes on
        sampler.thread.start();
        return sampler;
    }

    private void take() {
        Sample sample = new Sample(System.nanoTime(), System.currentTimeMillis(), Cpu.now(pidFile, postgresToo),
                dirtyKb());
        synchronized (samples) {
            samples.add(sample);
        }
    }

    /** Stops reading, takes one last reading and gives all of them, in order (at least two). */
    List<Sample> stop() throws InterruptedException {
        close();
        take();
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(5_000);
    }

    /** The CPU used from the first reading to the last. */
    static Cpu used(List<Sample> samples) {
        return samples.get(samples.size() - 1).cpu().minus(samples.get(0).cpu());
    }

    /**
     * The cores busy (CPU seconds per second) from the reading at or before {@code fromNanos} to the first at or after
     * {@code toNanos} (or the last one, when the readings stopped before): for a one-second window, the average over the
     * two seconds or so of the readings around it; zeros when no reading precedes the span.
     */
    static Cpu cores(List<Sample> samples, long fromNanos, long toNanos) {
        Sample first = null;
        Sample last = null;
        for (Sample s : samples) {
            if (s.nanos() <= fromNanos) {
                first = s;
            }
            if (last == null || last.nanos() < toNanos) {
                last = s; // the first at or after the end, else the latest
            }
        }
        if (first == null || last == null || last.nanos() <= first.nanos()) {
            return new Cpu(0, 0, 0);
        }
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        Cpu used = last.cpu().minus(first.cpu());
        return new Cpu(used.hub() / seconds, used.postgres() / seconds, used.bench() / seconds);
    }

    /** {@code Dirty} of {@code /proc/meminfo} in KB; -1 without it (not Linux). */
    static long dirtyKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Dirty:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (Exception e) {
            // not on Linux
        }
        return -1;
    }

    /** The dirty page cache (KB) at the first reading at or after {@code nanos} (else the last); -1 without one. */
    static long dirtyKbAt(List<Sample> samples, long nanos) {
        for (Sample s : samples) {
            if (s.nanos() >= nanos) {
                return s.dirtyKb();
            }
        }
        return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).dirtyKb();
    }

    /** The wall clock at {@code nanos} of {@link System#nanoTime()}, from the first reading; -1 without readings. */
    static long epochMillis(List<Sample> samples, long nanos) {
        if (samples.isEmpty()) {
            return -1;
        }
        Sample first = samples.get(0);
        return first.epochMillis() + Math.floorDiv(nanos - first.nanos(), 1_000_000L);
    }
}
