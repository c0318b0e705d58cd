package io.flead.platform.up;

import io.flead.fedavg.streams.RoundReply;
import io.flead.platform.ProjectLayout;
import io.flead.platform.api.RoundControl;
import io.flead.platform.connect.ConnectorConfigs;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code flead up}: points the log at {@code <work dir>/flead.log}, starts the {@link Platform}, says where to look,
 * and shows the live view until Ctrl-C (or, with
 * {@code --exit-when-done}, until every row is replayed and the pipeline has been idle for a while; then the last
 * partial round is closed and a summary of the last version printed).
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the whole platform on the embedded stack: a KRaft broker, a Connect worker, PostgreSQL, the "
        + "connectors and the four functions, with a live view until Ctrl-C.",
        "Its log goes to <work dir>/flead.log."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by Ctrl-C, or done (--exit-when-done)",
        "1:the platform failed",
        "2:the command line or a setting was refused (bad value, port in use: the message names the flag)"})
public final class UpCommand implements Callable<Integer> {
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration IDLE_BEFORE_EXIT = Duration.ofSeconds(15);
    static final Duration LAST_ROUND_REPLY = Duration.ofSeconds(30);
    static final Duration LAST_VERSION_VISIBLE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

    @Mixin
    UpFlags flags = new UpFlags();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        UpOptions options = flags.options(env);
        RunLogging.to(options.workDir(), flags.logFormat(env));
        LOG.info("flead up starting in {}: {}", options.workDir(), options);
        try {
            return run(options, System.out);
        } catch (Exception | Error e) {
            LOG.warn("flead up stopped: {}", e.toString(), e);
            throw e;
        }
    }

    static int run(UpOptions options, PrintStream out) throws Exception {
        out.println("flead up: starting Kafka, Connect, PostgreSQL and the functions in " + options.workDir() + " …");
        CountDownLatch stop = new CountDownLatch(1);
        try (Platform platform = Platform.start(options, line -> out.println("flead up: " + line))) {
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
        out.println("  Connect REST      " + p.connectUrl() + "  (" + connectCurl(p) + ")");
        out.println("  PostgreSQL JDBC   " + JdbcUrls.masked(p.jdbcUrl()) + (p.options().jdbcUrl() == null
            ? "  (password in " + Platform.embeddedPasswordFile(p.options().workDir()) + ")" : ""));
        if (p.apiUrl() != null) {
            out.println("  web console       " + p.consoleLoginUrl() + "  (opens the console signed in)");
            out.println("  REST API          " + p.apiUrl() + "api/  (header: Authorization: Bearer $(cat "
                + p.options().workDir().resolve(ApiTokenFile.NAME) + "))");
        }
        out.println("  device files      " + p.dataDir() + "  (" + p.expectedRows() + " rows)");
        if (p.generated() != null && !p.generated().driftedDevices().isEmpty()) {
            out.println("  drifting devices  " + p.generated().driftedDevices().size() + " (see "
                + p.dataDir().resolve("manifest.json") + ")");
        }
        out.println("  Ctrl-C stops everything.");
        out.println();
    }

    /** How to call the platform's Connect REST API: with its login when it has one, the password read from its file. */
    static String connectCurl(Platform p) {
        String url = p.connectUrl() + "connectors?expand=status";
        if (p.connectLogin() == null) {
            return "curl " + url;
        }
        return "curl -u " + p.connectLogin().user() + ":$(cat " + p.connectLogin().passwordFile() + ") " + url;
    }

    private static void watch(Platform platform, UpOptions options, CountDownLatch stop, PrintStream out)
            throws Exception {
        boolean redraw = !options.headless() && System.console() != null;
        IdleDetector idle = new IdleDetector(IDLE_BEFORE_EXIT.toMillis());
        int drawn = 0;
        long lastPrint = 0;
        Map<String, List<String>> sinks =
            ConnectorConfigs.sinkGroups(ConnectorConfigs.load(ProjectLayout.connectConfigs()));
        try (PipelineProbe probe = new PipelineProbe(platform.bootstrapServers(), platform.expectedRows(),
                platform.replayStart())) {
            while (!stop.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                PipelineSnapshot s = probe.sample();
                List<String> lines = ProgressView.render(s);
                if (redraw) {
                    drawn = redraw(out, lines, drawn);
                } else if (s.elapsedMs() - lastPrint >= 5000) {
                    lines.forEach(out::println);
                    lastPrint = s.elapsedMs();
                }
                if (options.exitWhenDone() && idle.settled(s) && probe.sinksCaughtUp(sinks)) {
                    PipelineSnapshot last = closeLastRound(platform, probe, out);
                    ProgressView.render(last).forEach(out::println);
                    ProgressView.summary(last).forEach(out::println);
                    return;
                }
            }
        }
    }

    /**
     * Asks fedavg to aggregate the last partial round, so that the updates of the replay's end count, and waits until
     * the version it made is visible; fedavg refuses a round without an accepted update, which leaves nothing to wait for.
     */
    static PipelineSnapshot closeLastRound(Platform platform, PipelineProbe probe, PrintStream out) throws Exception {
        Optional<RoundReply> reply;
        try (RoundControl rounds = new RoundControl(platform.bootstrapServers())) {
            reply = rounds.closeNow(LAST_ROUND_REPLY);
        }
        if (reply.isEmpty()) {
            out.println("flead up: fedavg did not answer the request to close the last round within "
                + LAST_ROUND_REPLY.toSeconds() + " s");
            return probe.sample();
        }
        if (!reply.get().closed() || reply.get().version() == null) {
            out.println("flead up: no last round to close (" + reply.get().reason() + ")");
            return probe.sample();
        }
        long version = reply.get().version();
        out.println("flead up: closed the last round as v" + version + " (" + reply.get().participants() + " devices)");
        long deadline = System.nanoTime() + LAST_VERSION_VISIBLE.toNanos();
        PipelineSnapshot s = probe.sample();
        while ((s.model() == null || s.model().version() < version) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            s = probe.sample();
        }
        return s;
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
