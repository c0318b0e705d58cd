package io.flead.bench.e2e;

import io.flead.bench.TopicWatch;
import io.flead.bench.latency.Percentiles;
import io.flead.platform.up.PipelineTopics;
import io.flead.platform.up.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Run 2: the platform replaying at a steady rate into a telemetry topic stamped with broker append times; each
 * anomaly's latency runs from its telemetry row's append time to the first poll that finds its row in PostgreSQL.
 */
final class LatencyRun {
    private static final long QUIET_MS = 5000;
    private static final long PROFILE_BUCKET_MS = 5000;
    private static final Duration DRAIN = Duration.ofSeconds(90);

    /** What run 2 measured; latencies over rows entering Kafka after the warm-up (null when none was flagged). */
    record Figures(long rows, double replayS, Percentiles latency, LatencyMatch match, long landedRows,
                   long neverLanded, List<LatencyProfile.Bucket> profile, Percentiles toTopic, Percentiles toTable) {
        double rowsPerSecond() {
            return rows / replayS;
        }
    }

    private LatencyRun() {
    }

    static Figures run(Path work, int devices, int rows, int rate, double warmupS, long pollMs, Duration timeout)
            throws Exception {
        try (BenchPlatform bench = BenchPlatform.start(work, true, List.of("--devices", Integer.toString(devices),
                "--rows", Integer.toString(rows), "--replay-rate", Integer.toString(rate)), b -> { })) {
            Platform p = bench.platform();
            System.out.printf("# run 2: %d devices x %d rows = %d rows at %d rows/s; anomalies looked up every %d ms%n",
                devices, rows, p.expectedRows(), rate, pollMs);
            LandingTracker landed;
            try (AnomalyLanding landing = AnomalyLanding.watch(bench.bootstrap(), p.connectDatabase(), pollMs);
                 Admin admin = Admin.create(Map.of("bootstrap.servers", bench.bootstrap()))) {
                new TopicWatch(admin, PipelineTopics.TELEMETRY).awaitRecords(p.expectedRows(), Duration.ofMillis(500),
                    timeout);
                drain(landing);
                landed = landing.stop();
            }
            Map<String, Long> entered = AppendTimes.read(bench.bootstrap());
            long first = Collections.min(entered.values());
            long last = Collections.max(entered.values());
            long from = first + (long) (warmupS * 1000);
            LatencyMatch match = LatencyMatch.of(entered, landed.landed(), from, last);
            Map<String, Long> announced = landed.announcedOfLanded();
            return new Figures(entered.size(), (last - first) / 1000.0, percentiles(match.latenciesMs()), match,
                landed.landed().size(), landed.neverLanded(),
                LatencyProfile.of(entered, landed.landed(), first, PROFILE_BUCKET_MS),
                percentiles(LatencyMatch.stage(entered, entered, announced, from, last)),
                percentiles(LatencyMatch.stage(entered, announced, landed.landed(), from, last)));
        }
    }

    private static Percentiles percentiles(double[] samples) {
        return samples.length == 0 ? null : Percentiles.of(samples);
    }

    /** Waits until no anomaly is pending and none was announced for a quiet period (at most {@link #DRAIN}). */
    private static void drain(AnomalyLanding landing) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DRAIN.toMillis();
        long announced = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis();
            if (landing.announced() != announced || landing.pending() > 0) {
                announced = landing.announced();
                quietSince = now;
            } else if (now - quietSince >= QUIET_MS) {
                return;
            }
            Thread.sleep(200);
        }
    }
}
