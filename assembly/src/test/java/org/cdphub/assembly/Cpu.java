package org.cdphub.assembly;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used so far by the hub's process, by the local PostgreSQL server's processes (its backends, and the
 * checkpointer, WAL writer and autovacuum workers that the hub's writes cause) and by the benchmark's own process (its
 * load generator and receiver, which share the machine with the hub), from {@code /proc}: each process's own time and
 * that of its ended children, so that a backend or an autovacuum worker that ends between two readings is still
 * counted, by the postmaster. Without {@code /proc} (not Linux) all are 0; a remote PostgreSQL counts 0.
 */
record Cpu(double hub, double postgres, double bench) {

    static Cpu now(Path pidFile, boolean postgresToo) {
        double hub = 0;
        try {
            hub = seconds(Path.of("/proc/" + Files.readString(pidFile).strip() + "/stat"));
        } catch (Exception e) {
            // not on Linux, or the hub is gone
        }
        double postgres = postgresToo ? postgresSeconds() : 0;
        double bench = 0;
        try {
            bench = seconds(Path.of("/proc/self/stat"));
        } catch (Exception e) {
            // not on Linux
        }
        return new Cpu(hub, postgres, bench);
    }

    /** CPU seconds of the local PostgreSQL server's processes so far (0 without {@code /proc}). */
    static double postgresSeconds() {
        double postgres = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                try {
                    if (p.getFileName().toString().chars().allMatch(Character::isDigit)
                            && Files.readString(p.resolve("comm")).strip().startsWith("postgres")) {
                        postgres += seconds(p.resolve("stat"));
                    }
                } catch (Exception e) {
                    // the process ended while it was read: its parent has its time now
                }
            }
        } catch (Exception e) {
            // not on Linux
        }
        return postgres;
    }

    Cpu minus(Cpu before) {
        return new Cpu(hub - before.hub, postgres - before.postgres, bench - before.bench);
    }

    /** utime, stime, cutime and cstime of a {@code /proc/<pid>/stat} line (ticks of 1/100 s on Linux). */
    private static double seconds(Path stat) throws Exception {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14])) / 100.0;
    }
}
