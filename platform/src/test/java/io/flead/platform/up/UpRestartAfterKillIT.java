package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code flead up} as a user runs it, in a process of its own: killed with SIGKILL mid-replay three times, each time
 * started again on the same work dir, then run to the end with {@code --exit-when-done}. Every restart must come back
 * (the killed run's PostgreSQL still holds its port, its transactions are still open, its state stores are dirty) and
 * resume where the killed run stopped; at the end every row is in the database exactly once.
 */
class UpRestartAfterKillIT {
    private static final int DEVICES = 40;
    private static final int ROWS = 1500;
    private static final Pattern REPLAY = Pattern.compile("^replay .* ([0-9,]+)/([0-9,]+) rows");
    private static final long RUN_DEADLINE_S = 360;

    /** Under target/, kept after the test: its logs tell what a failed restart waited for. */
    private final Path work = Path.of("target", "up-restart-it").toAbsolutePath();

    @Test
    void aFleadUpKilledThreeTimesMidReplayComesBackEachTimeAndLandsEveryRowOnce() throws Exception {
        io.flead.embedded.EmbeddedPostgres.stopOrphan(work.resolve("postgres"));
        if (Files.exists(work)) {
            io.flead.embedded.FileTrees.delete(work);
        }
        int[] ports = {freePort(), freePort(), freePort(), freePort()};
        long total = -1;
        long killedAt = 0;
        for (double share : new double[] {0.25, 0.5, 0.75}) {
            long started = System.nanoTime();
            Run run = started(Run.start(work, ports, false, "run-" + share));
            long first = run.awaitRows(r -> r > 0, RUN_DEADLINE_S);
            System.out.printf("run %.2f: first count %,d after %.1f s%n", share, first, secondsSince(started));
            assertThat(first).as("rows replayed when a restarted run shows its first count").isGreaterThanOrEqualTo(
                killedAt);
            total = run.total;
            long target = Math.max((long) (share * total), first + 1_000);
            assertThat(target).as("a run that can still be killed mid-replay").isLessThan(total);
            killedAt = run.awaitRows(r -> r >= target, RUN_DEADLINE_S);
            run.kill();
            System.out.printf("killed flead up at %,d of %,d rows, %.1f s after its start%n", killedAt, total,
                secondsSince(started));
            assertThat(killedAt).as("killed before the end of the replay").isLessThan(total);
        }
        long started = System.nanoTime();
        Run last = started(Run.start(work, ports, true, "run-final"));
        assertThat(last.process.waitFor(RUN_DEADLINE_S, TimeUnit.SECONDS)).as("the final run ends").isTrue();
        System.out.printf("final run ended after %.1f s%n", secondsSince(started));
        assertThat(last.process.exitValue()).as("exit status of the final run; its output:%n%s", last.output())
            .isZero();

        try (EmbeddedPostgres db = EmbeddedPostgres.start(work.resolve("postgres"), 0);
             Connection c = db.dataSource().getConnection(); Statement sql = c.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM telemetry")).as("rows in telemetry").isEqualTo(total);
            assertThat(count(sql, "SELECT count(DISTINCT (device_id, seq)) FROM telemetry")).isEqualTo(total);
            assertThat(count(sql, "SELECT count(*) FROM local_models"))
                .isEqualTo(count(sql, "SELECT count(DISTINCT update_id) FROM local_models"));
            assertThat(count(sql, "SELECT count(*) FROM anomalies"))
                .isEqualTo(count(sql, "SELECT count(DISTINCT (device_id, seq)) FROM anomalies"));
            assertThat(count(sql, "SELECT count(*) FROM global_models")).as("global versions").isPositive();
        }
    }

    private final List<Run> runs = new ArrayList<>();

    private Run started(Run run) {
        runs.add(run);
        return run;
    }

    /** No flead up of this test outlives it, whatever failed (its PostgreSQL stops with the next start's check). */
    @org.junit.jupiter.api.AfterEach
    void killRuns() throws InterruptedException {
        for (Run run : runs) {
            run.kill();
        }
        io.flead.embedded.EmbeddedPostgres.stopOrphan(work.resolve("postgres"));
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One {@code flead up} process and what it printed. */
    private static final class Run {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private long total = -1;
        private long rows = -1;

        private final String name;
        private final long startNanos = System.nanoTime();

        private Run(Process process, String name) {
            this.process = process;
            this.name = name;
            Thread reader = new Thread(this::read, "flead-up-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Run start(Path work, int[] ports, boolean exitWhenDone, String name) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=classpath:flead-log4j2.xml",
                "-cp", System.getProperty("java.class.path"), "io.flead.platform.FleadCli", "up", "--headless",
                "--work-dir", work.toString(), "--devices", Integer.toString(DEVICES), "--rows", Integer.toString(ROWS),
                "--replay-rate", "1000", "--kafka-port", Integer.toString(ports[0]),
                "--connect-port", Integer.toString(ports[1]), "--pg-port", Integer.toString(ports[2]),
                "--api-port", Integer.toString(ports[3])));
            if (exitWhenDone) {
                command.add("--exit-when-done");
            }
            Files.createDirectories(work);
            return new Run(new ProcessBuilder(command).redirectErrorStream(true).start(), name);
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = REPLAY.matcher(line);
                    if (!line.isBlank()) {
                        System.out.printf("[%s %5.1f s] %s%n", name, secondsSince(startNanos), line);
                    }
                    synchronized (this) {
                        lines.add(line);
                        if (m.find()) {
                            rows = Long.parseLong(m.group(1).replace(",", ""));
                            total = Long.parseLong(m.group(2).replace(",", ""));
                            notifyAll();
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        }

        /** Waits until the replay line shows a count that {@code until} accepts, and returns it. */
        synchronized long awaitRows(java.util.function.LongPredicate until, long deadlineS) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineS);
            while (rows < 0 || !until.test(rows)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("flead up did not get there (last count " + rows + "); its output:\n"
                        + String.join("\n", lines));
                }
                wait(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            return rows;
        }

        synchronized String output() {
            return String.join("\n", lines);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }
}
