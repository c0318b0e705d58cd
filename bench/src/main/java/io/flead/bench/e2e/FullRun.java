package io.flead.bench.e2e;

import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.platform.up.PipelineProbe;
import io.flead.platform.up.PipelineSnapshot;
import io.flead.platform.up.PipelineTopics;
import io.flead.platform.up.Platform;
import io.flead.score.config.ScoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;

/**
 * Run 1: the demo fleet replayed as fast as possible through the whole platform, until every telemetry row is in
 * PostgreSQL, the four function apps have no consumer lag, and the sink has landed every anomaly and global model.
 */
final class FullRun {
    static final List<String> GROUPS = List.of(LocalTrainConfig.APPLICATION_ID, FedAvgConfig.APPLICATION_ID,
        ScoreConfig.APPLICATION_ID, DriftCheckConfig.APPLICATION_ID);
    private static final long POLL_MS = 2000;
    private static final long PROGRESS_MS = 30_000;

    /** What run 1 measured. */
    record Figures(long rows, double setupS, double wallS, Milestones milestones, long anomalies, long rounds,
                   double f1, List<String> lastModels, double jvmPeakMb, long postgresPid, double postgresPeakMb) {
        double rowsPerSecond() {
            return rows / wallS;
        }
    }

    /**
     * When each condition first held (System.nanoTime(), -1 while not yet), and the anomalies on the topic
     * ({@code read_committed}) at the end.
     */
    record Milestones(long replayed, long tableFull, long caughtUp, long done, long anomaliesOnTopic) {
        Milestones seen(Progress p, long expected, long now) {
            return new Milestones(first(replayed, p.snapshot().rowsReplayed() >= expected, now),
                first(tableFull, p.telemetryRows() >= expected, now), first(caughtUp, p.lag() == 0, now),
                first(done, p.done(expected), now), p.anomalies());
        }

        private static long first(long already, boolean holds, long now) {
            return already >= 0 || !holds ? already : now;
        }

        String line(long from) {
            return String.format(Locale.ROOT, "# after the first replayed row: all rows on the broker at %.1f s, all "
                + "in the telemetry table at %.1f s, function apps at lag 0 at %.1f s, done at %.1f s (polled every "
                + "%d s)", s(replayed, from), s(tableFull, from), s(caughtUp, from), s(done, from), POLL_MS / 1000);
        }

        private static double s(long nanos, long from) {
            return (nanos - from) / 1e9;
        }
    }

    /** What a poll saw: done when all four conditions hold. */
    record Progress(PipelineSnapshot snapshot, long telemetryRows, long lag, long anomalyRows, long anomalies,
                    long maxVersion) {
        boolean done(long expected) {
            long modelVersion = snapshot.model() == null ? 0 : snapshot.model().version();
            return snapshot.rowsReplayed() >= expected && telemetryRows >= expected && lag == 0
                && anomalies >= 0 && anomalyRows >= anomalies && maxVersion >= modelVersion;
        }

        String line(double seconds) {
            return String.format(Locale.ROOT, "# %6.1f s: replayed %d, telemetry table %d, function lag %d, "
                + "anomalies %d/%d in table, global version %d in table", seconds, snapshot.rowsReplayed(),
                telemetryRows, lag, anomalyRows, anomalies, maxVersion);
        }
    }

    private FullRun() {
    }

    static Figures run(Path work, int devices, int rows, Duration timeout) throws Exception {
        AtomicReference<ReplayStart> start = new AtomicReference<>();
        long setupFrom = System.nanoTime();
        try (BenchPlatform bench = BenchPlatform.start(work, false, List.of("--devices", Integer.toString(devices),
                "--rows", Integer.toString(rows), "--replay-rate", "0"), b -> start.set(ReplayStart.watch(b)));
             PostgresMemory postgres = PostgresMemory.watch(bench.postgresDir());
             ReplayStart replay = start.get()) {
            Platform p = bench.platform();
            System.out.printf(Locale.ROOT, "# run 1: %d devices x %d rows = %d rows replayed at max speed (generated "
                + "and started in %.1f s)%n", devices, rows, p.expectedRows(), (System.nanoTime() - setupFrom) / 1e9);
            Milestones m = awaitDone(bench, p.expectedRows(), timeout);
            long first = replay.firstNanos();
            if (first < 0) {
                throw new IllegalStateException("the replay's first row was never seen on the telemetry topic");
            }
            System.out.println(m.line(first));
            try (Connection db = p.connectDatabase()) {
                Tables tables = new Tables(db);
                return new Figures(p.expectedRows(), (first - setupFrom) / 1e9, (m.done() - first) / 1e9, m,
                    tables.rows("anomalies"), tables.globalVersions(), tables.finalF1(), tables.lastModels(3),
                    ProcMemory.jvmPeakRssMb(), postgres.pid(), postgres.peakMb());
            }
        }
    }

    private static Milestones awaitDone(BenchPlatform bench, long expected, Duration timeout) throws Exception {
        long from = System.nanoTime();
        long deadline = from + timeout.toNanos();
        long lastProgress = from;
        try (Connection db = bench.platform().connectDatabase();
             Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bench.bootstrap()));
             GroupLag lags = new GroupLag(admin, bench.bootstrap());
             PipelineProbe probe = new PipelineProbe(bench.bootstrap(), expected);
             CommittedRecords anomalies = new CommittedRecords(bench.bootstrap(), PipelineTopics.ANOMALIES)) {
            Tables tables = new Tables(db);
            Milestones m = new Milestones(-1, -1, -1, -1, 0);
            while (System.nanoTime() < deadline) {
                long now = System.nanoTime();
                Progress p = progress(probe, tables, lags, anomalies, expected);
                m = m.seen(p, expected, now);
                if (p.done(expected)) {
                    System.out.println(p.line((now - from) / 1e9));
                    return m;
                }
                if (now - lastProgress >= PROGRESS_MS * 1_000_000) {
                    System.out.println(p.line((now - from) / 1e9));
                    lastProgress = now;
                }
                Thread.sleep(POLL_MS);
            }
            throw new IllegalStateException("run 1 not done within " + timeout.toSeconds() + " s: "
                + progress(probe, tables, lags, anomalies, expected).line((System.nanoTime() - from) / 1e9));
        }
    }

    /** Cheap checks first: the table and lag queries run only once the replay is complete. */
    private static Progress progress(PipelineProbe probe, Tables tables, GroupLag lags, CommittedRecords anomalies,
                                     long expected) throws Exception {
        PipelineSnapshot s = probe.sample();
        if (s.rowsReplayed() < expected) {
            return new Progress(s, -1, -1, -1, -1, -1);
        }
        long lag = 0;
        for (String group : GROUPS) {
            lag += lags.lag(group);
        }
        return new Progress(s, tables.rows("telemetry"), lag, tables.rows("anomalies"), anomalies.count(),
            tables.maxGlobalVersion());
    }
}
