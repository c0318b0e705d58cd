package io.flead.platform.up;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code flead up}: starts the {@link Platform}, says where to look, and shows the live view until Ctrl-C (or, with
 * {@code --exit-when-done}, until every row is replayed and the pipeline has been idle for a while).
 */
public final class UpCommand {
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration IDLE_BEFORE_EXIT = Duration.ofSeconds(15);

    private UpCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        UpOptions options = UpOptions.parse(args);
        out.println("flead up: starting Kafka, Connect, PostgreSQL and the functions in " + options.workDir() + " …");
        CountDownLatch stop = new CountDownLatch(1);
        try (Platform platform = Platform.start(options)) {
            Thread hook = new Thread(stop::countDown, "flead-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            printWhereToLook(platform, out);
            watch(platform, options, stop, out);
            out.println("flead up: stopping …");
        }
        return 0;
    }

    static void printWhereToLook(Platform p, PrintStream out) {
        out.println("  Kafka bootstrap   " + p.bootstrapServers());
        out.println("  Connect REST      " + p.connectUrl() + "  (curl " + p.connectUrl() + "connectors?expand=status)");
        out.println("  PostgreSQL JDBC   " + p.jdbcUrl());
        if (p.apiUrl() != null) {
            out.println("  REST API/console  " + p.apiUrl());
        }
        out.println("  device files      " + p.dataDir() + "  (" + p.expectedRows() + " rows)");
        if (p.generated() != null && !p.generated().driftedDevices().isEmpty()) {
            out.println("  drifting devices  " + p.generated().driftedDevices().size() + " (see "
                + p.dataDir().resolve("manifest.json") + ")");
        }
        out.println("  Ctrl-C stops everything.");
        out.println();
    }

    private static void watch(Platform platform, UpOptions options, CountDownLatch stop, PrintStream out)
            throws Exception {
        boolean redraw = !options.headless() && System.console() != null;
        IdleDetector idle = new IdleDetector(IDLE_BEFORE_EXIT.toMillis());
        int drawn = 0;
        long lastPrint = 0;
        try (PipelineProbe probe = new PipelineProbe(platform.bootstrapServers(), platform.expectedRows())) {
            while (!stop.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                PipelineSnapshot s = probe.sample();
                List<String> lines = ProgressView.render(s);
                if (redraw) {
                    drawn = redraw(out, lines, drawn);
                } else if (s.elapsedMs() - lastPrint >= 5000) {
                    lines.forEach(out::println);
                    lastPrint = s.elapsedMs();
                }
                if (options.exitWhenDone() && idle.settled(s)) {
                    lines.forEach(out::println);
                    return;
                }
            }
        }
    }

    private static int redraw(PrintStream out, List<String> lines, int previouslyDrawn) {
        if (previouslyDrawn > 0) {
            out.print("\u001b[" + previouslyDrawn + "F");
        }
        for (String line : lines) {
            out.print("\u001b[2K");
            out.println(line);
        }
        out.flush();
        return lines.size();
    }
}
