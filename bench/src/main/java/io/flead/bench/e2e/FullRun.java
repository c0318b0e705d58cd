package io.flead.bench.e2e;

import io.flead.driftcheck.streams.DriftCheckConfig;
import io.flead.fedavg.streams.FedAvgConfig;
import io.flead.localtrain.streams.LocalTrainConfig;
import io.flead.platform.up.PipelineProbe;
import io.flead.platform.up.PipelineSnapshot;
import io.flead.platform.up.Platform;
import io.flead.score.streams.ScoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
    record Figures(long rows, double setupS, double wallS, long anomalies, long rounds, double f1, double jvmPeakMb,
                   long postgresPid, double postgresPeakMb) {
        double rowsPerSecond() {
            return rows / wallS;
        }
    }

    /** What a poll saw: done when all four conditions hold. */
    record Progress(PipelineSnapshot snapshot, long telemetryRows, long lag, long anomalyRows, long maxVersion) {
        boolean done(long expected) {
            long modelVersion = snapshot.model() == null ? 0 : snapshot.model().version();
            return snapshot.rowsReplayed() >= expected && telemetryRows >= expected && lag == 0
                && anomalyRows >= snapshot.anomalies() && maxVersion >= modelVersion;
        }

        String line(double seconds) {
            return String.format(Locale.ROOT, "# %6.1f s: replayed %d, telemetry table %d, function lag %d, "
                + "anomalies %d/%d in table, global version %d in table", seconds, snapshot.rowsReplayed(),
                telemetryRows, lag, anomalyRows, snapshot.anomalies(), maxVersion);
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
            long doneNanos = awaitDone(bench, p.expectedRows(), timeout);
            long first = replay.firstNanos();
            double setup = (first - setupFrom) / 1e9;
            try (Connection db = DriverManager.getConnection(p.jdbcUrl())) {
                Tables tables = new Tables(db);
                return new Figures(p.expectedRows(), setup, (doneNanos - first) / 1e9, tables.rows("anomalies"),
                    tables.globalVersions(), tables.finalF1(), ProcMemory.jvmPeakRssMb(), postgres.pid(),
                    postgres.peakMb());
            }
        }
    }

    private static long awaitDone(BenchPlatform bench, long expected, Duration timeout) throws Exception {
        long from = System.nanoTime();
        long deadline = from + timeout.toNanos();
        long lastProgress = from;
        try (Connection db = DriverManager.getConnection(bench.platform().jdbcUrl());
             Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bench.bootstrap()));
             GroupLag lags = new GroupLag(admin, bench.bootstrap());
             PipelineProbe probe = new PipelineProbe(bench.bootstrap(), expected)) {
            Tables tables = new Tables(db);
            while (System.nanoTime() < deadline) {
                long now = System.nanoTime();
                Progress p = progress(probe, tables, lags, expected);
                if (p.done(expected)) {
                    System.out.println(p.line((now - from) / 1e9));
                    return now;
                }
                if (now - lastProgress >= PROGRESS_MS * 1_000_000) {
                    System.out.println(p.line((now - from) / 1e9));
                    lastProgress = now;
                }
                Thread.sleep(POLL_MS);
            }
            throw new IllegalStateException("run 1 not done within " + timeout.toSeconds() + " s: "
                + progress(probe, tables, lags, expected).line((System.nanoTime() - from) / 1e9));
        }
    }

    /** Cheap checks first: the table and lag queries run only once the replay is complete. */
    private static Progress progress(PipelineProbe probe, Tables tables, GroupLag lags, long expected)
            throws Exception {
        PipelineSnapshot s = probe.sample();
        if (s.rowsReplayed() < expected) {
            return new Progress(s, -1, -1, -1, -1);
        }
        long lag = 0;
        for (String group : GROUPS) {
            lag += lags.lag(group);
        }
        return new Progress(s, tables.rows("telemetry"), lag, tables.rows("anomalies"), tables.maxGlobalVersion());
    }
}
