package org.cdphub.assembly;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Drives an unpacked distribution through its own scripts: bin/start, bin/client, bin/stop. */
final class Karaf {

    static final String USER = "cdphub";
    static final String PASSWORD = "cdphub";

    private final Path home;

    Karaf(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    Path data() {
        return home.resolve("data");
    }

    /**
     * Points of disk use a copy keeps below its broker's limit, for what a run writes: the broker refuses messages once
     * its disk is fuller than {@code max-disk-usage} of {@code etc/artemis.xml} (in %), and a hub started on a fuller
     * disk takes files in but merges nothing, with no error a benchmark or test would see (session 38: "warm-up: only 0
     * of 300000 records merged").
     */
    static final int DISK_MARGIN = 10;
    /** Artemis's {@code max-disk-usage} where its configuration sets none. */
    private static final int ARTEMIS_DEFAULT_DISK_USAGE = 90;

    /** Copies the distribution to a fresh directory, so every run starts from the shipped state. */
    static Karaf copy(Path distribution, Path target) throws IOException {
        deleteRecursively(target);
        Files.createDirectories(target);
        checkDisk(target, brokerDiskLimit(distribution.resolve("etc/artemis.xml")));
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new Karaf(target);
    }

    /** The broker's {@code max-disk-usage} (%) in {@code artemisXml}, or Artemis's default where it sets none. */
    static int brokerDiskLimit(Path artemisXml) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<max-disk-usage>\\s*(\\d+)\\s*</max-disk-usage>")
                .matcher(Files.readString(artemisXml));
        return m.find() ? Integer.parseInt(m.group(1)) : ARTEMIS_DEFAULT_DISK_USAGE;
    }

    /** Fails, saying what to do, when the disk of {@code dir} is too full for a broker limited to {@code limit} %. */
    static void checkDisk(Path dir, int limit) throws IOException {
        java.nio.file.FileStore disk = Files.getFileStore(dir);
        String full = diskTooFull(dir, disk.getUsableSpace(), disk.getTotalSpace(), limit);
        if (full != null) {
            throw new IllegalStateException(full);
        }
    }

    /**
     * Why a disk with {@code usable} of {@code total} bytes free is too full for a hub whose broker refuses messages
     * above {@code limit} % ({@value #DISK_MARGIN} points short of it, used as the broker reckons: 1 - usable / total),
     * or null.
     */
    static String diskTooFull(Path dir, long usable, long total, int limit) {
        double used = 1.0 - (double) usable / total;
        if (used * 100 <= limit - DISK_MARGIN) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "the disk of %s is %.0f %% full (%,d MB free): a hub's broker"
                + " refuses messages above %d %% (max-disk-usage in etc/artemis.xml), so a hub started there would take"
                + " files in and merge nothing; free the disk below %d %% first (the benchmarks keep the whole work"
                + " directory of a run that failed or ran with KEEP_WORK=1, by default under /tmp/cdphub-bench)", dir,
                used * 100, usable / (1024 * 1024), limit, limit - DISK_MARGIN);
    }

    void start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/start").toString()).directory(home.toFile());
        pb.environment().put("KARAF_REDIRECT", home.resolve("console.log").toString());
        // the hub's JVM options are the distribution's bin/setenv and CDPHUB_HUB_JAVA_OPTS alone, whatever the caller's
        // shell exported (CDPHUB_JAVA_DEFAULTS would make setenv add nothing)
        pb.environment().keySet().removeAll(java.util.Set.of("CDPHUB_JAVA_DEFAULTS", "CDPHUB_GC", "CDPHUB_JIT",
                "JAVA_OPTS"));
        // CDPHUB_HUB_JAVA_OPTS adds options to the hub's JVM (bench/latency.sh: a flight recording, say)
        pb.environment().put("EXTRA_JAVA_OPTS", ("-Xmx512m " + System.getenv().getOrDefault("CDPHUB_HUB_JAVA_OPTS",
                "")).strip());
        pb.redirectErrorStream(true).redirectOutput(home.resolve("start.log").toFile());
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bin/start exited with " + exit);
        }
    }

    /** Runs one console command through bin/client and returns what it printed. */
    String client(String command) throws IOException, InterruptedException {
        return run(command).output();
    }

    /** Runs one console command that must fail (bin/client exits 1), and returns what it printed. */
    String clientFailing(String command) throws IOException, InterruptedException {
        Run run = run(command);
        if (run.exit() != 1) {
            throw new AssertionError("expected exit status 1, got " + run.exit() + " from " + command + ":\n"
                    + run.output());
        }
        return run.output();
    }

    /** What a console command printed and bin/client's exit status. */
    private record Run(String output, int exit) {
    }

    private Run run(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-u", USER, "-p", PASSWORD,
                "-r", "3", "-d", "2", command).directory(home.toFile()).redirectErrorStream(true);
        Process process = pb.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write('\n'); // bin/client prints nothing when stdin is closed at once
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/client did not return: " + command);
        }
        return new Run(out, process.exitValue());
    }

    /** Polls a console command until its output satisfies {@code done}; fails with the last output otherwise. */
    String await(String command, Predicate<String> done, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = client(command);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("'" + command + "' did not reach the expected state within " + timeout
                + "; last output:\n" + last + "\n--- karaf.log tail ---\n" + logTail(80));
    }

    void stop() throws IOException, InterruptedException {
        Long pid = pid();
        new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        if (pid != null) {
            ProcessHandle.of(pid).ifPresent(p -> {
                try {
                    p.onExit().orTimeout(60, TimeUnit.SECONDS).join();
                } catch (java.util.concurrent.CompletionException e) { // not down after a minute: kill it
                    p.destroyForcibly();
                    throw new IllegalStateException(home + " did not stop within 60 s; killed", e);
                }
            });
        }
    }

    boolean running() {
        Long pid = pid();
        return pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The command line of the running hub's JVM (empty when it does not run or the system does not tell). */
    java.util.List<String> jvmArguments() {
        Long pid = pid();
        return pid == null ? java.util.List.of() : ProcessHandle.of(pid).flatMap(p -> p.info().arguments())
                .map(java.util.List::of).orElse(java.util.List.of());
    }

    private Long pid() {
        Path file = home.resolve("karaf.pid");
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(data().resolve("log/karaf.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no karaf.log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i));
        }
    }
}
