package io.flead.bench.loop;

import io.flead.embedded.Checkout;
import io.flead.embedded.EmbeddedKafka;
import io.flead.embedded.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of the loop: a fresh broker in this JVM, then the real {@code flead up --headless --exit-when-done} as a
 * child process on it (Connect, PostgreSQL, datagen and the four functions, exactly as a user starts them, including
 * the close of the last partial round), read through {@link LoopWatch} until it exits. Running the CLI as a process
 * keeps this module free of the CLI module (DESIGN's dependency rule) and measures what users run.
 */
final class LoopRun {
    static final String CLI_MAIN = "io.flead.platform.FleadCli";
    static final Duration SAMPLE = Duration.ofMillis(250);
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    /**
     * @param exitCode   {@code flead up}'s exit code (-1 when it was stopped at the timeout)
     * @param upSummary  the lines {@code flead up} printed after the replay (closing the last round, its summary)
     * @param drift      alert-severity drift on the clean and the drifting demo devices; null without a manifest
     */
    record Result(LoopFigures figures, long rowsTotal, double wallS, int exitCode, List<String> upSummary, Path log,
                  DriftShares drift) {
    }

    /** The JVM options {@code ./flead up} runs with by default (see the launcher): the client compiler only. */
    static final String UP_JAVA_OPTS = "-Xmx4g -XX:TieredStopAtLevel=1";

    private LoopRun() {
    }

    static Result run(Path root, Path work, LoopPlan.Run spec, List<String> upArgs, Duration timeout, boolean keep)
            throws Exception {
        clear(work);
        Files.createDirectories(work);
        long start = System.nanoTime();
        int exit;
        LoopWatch watch;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"));
             CpuContention spinners = CpuContention.start(spec.contention()
                 ? Runtime.getRuntime().availableProcessors() : 0)) {
            watch = new LoopWatch(kafka.bootstrapServers());
            try {
                Process up = startUp(root, work, kafka.bootstrapServers(), spec, upArgs);
                exit = watchUntilExit(up, watch, timeout);
                watch.drain(Duration.ofSeconds(30));
            } finally {
                watch.close();
            }
        }
        double wallS = (System.nanoTime() - start) / 1e9;
        List<String> summary = upSummary(work.resolve("up.out"));
        DemoManifest demo = DemoManifest.read(work.resolve("up"));
        DriftShares drift = demo == null ? null : DriftShares.of(watch.driftAlerted(), demo.devices(), demo.drifting());
        Result result = new Result(LoopFigures.of(watch.sightings(), watch.outcomes(), watch.localUpdates(),
            watch.rows()), watch.rows(), wallS, exit, summary, work.resolve("up.out"), drift);
        if (!keep) {
            clear(work);
        }
        return result;
    }

    private static int watchUntilExit(Process up, LoopWatch watch, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!up.waitFor(SAMPLE.toMillis(), TimeUnit.MILLISECONDS)) {
                watch.sample();
                if (System.nanoTime() > deadline) {
                    System.out.println("# flead up did not finish within " + timeout.toMinutes() + " min: stopping it");
                    stop(up);
                    return -1;
                }
            }
            return up.exitValue();
        } finally {
            if (up.isAlive()) {
                stop(up);
            }
        }
    }

    /** SIGTERM (flead up's shutdown hook stops the platform), then SIGKILL after a grace period. */
    private static void stop(Process up) throws InterruptedException {
        up.destroy();
        if (!up.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static List<String> command(Path root, Path work, String bootstrap, LoopPlan.Run spec, List<String> upArgs) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String opts = System.getenv().getOrDefault("FLEAD_JAVA_OPTS", UP_JAVA_OPTS);
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(opts.trim().split("\\s+")));
        // flead up logs into its work dir (work/up/flead.log)
        cmd.addAll(List.of("-Dlog4j2.configurationFile=classpath:flead-log4j2.xml",
            "-cp", root.resolve("platform/target/classes") + ":" + root.resolve("platform/target/lib") + "/*",
            CLI_MAIN, "up", "--work-dir", work.resolve("up").toString(), "--external-kafka", bootstrap,
            "--connect-port", "0", "--pg-port", "0", "--api-port", "0", "--headless", "--exit-when-done",
            "--replay-rate", Integer.toString(spec.rate())));
        cmd.addAll(upArgs);
        return cmd;
    }

    private static Process startUp(Path root, Path work, String bootstrap, LoopPlan.Run spec, List<String> upArgs)
            throws IOException {
        if (!Files.isDirectory(root.resolve("platform/target/lib"))) {
            throw new IllegalStateException("The platform is not built: " + root.resolve("platform/target/lib")
                + " does not exist; run ./flead build");
        }
        ProcessBuilder pb = new ProcessBuilder(command(root, work, bootstrap, spec, upArgs))
            .directory(root.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("up.out").toFile());
        pb.environment().put("FLEAD_HOME", root.toString());
        return pb.start();
    }

    /** What flead up printed once the replay was done: closing the last round and the summary. */
    static List<String> upSummary(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(out)) {
            return lines.filter(l -> l.startsWith("summary ") || l.startsWith("flead up: closed")
                || l.startsWith("flead up: no last round") || l.startsWith("flead up: fedavg did not")
                || l.startsWith("flead:")).toList();
        }
    }

    /** The FLEAD checkout: {@code FLEAD_HOME}, else the nearest directory upwards with connect-configs/ and connectors/. */
    static Path root() {
        return Checkout.root();
    }

    static void clear(Path dir) {
        FileTrees.delete(dir);
    }
}
