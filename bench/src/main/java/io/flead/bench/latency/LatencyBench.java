package io.flead.bench.latency;

import io.flead.bench.BenchFlags;
import io.flead.bench.Metrics;
import io.flead.bench.TopicWatch;
import io.flead.bench.streams.BenchApps;
import io.flead.bench.streams.GroupCatchUp;
import io.flead.bench.streams.ModelSeed;
import io.flead.bench.streams.TelemetryReplay;
import io.flead.bench.streams.WorkDir;
import io.flead.embedded.EmbeddedKafka;
import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PluginDirs;
import io.flead.platform.ProjectLayout;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.StreamsAppRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./flead bench latency --producers 1,2,3,4}: on the embedded stack (broker, Connect worker with
 * csv-device-source from its plugin directory, score as a Streams app), for each number of source tasks replays the
 * same device files at one fixed total rate into a LogAppendTime topic, and measures from each row's broker append
 * (the moment it entered Kafka, not its 2021 event time) to its anomaly being readable by a read_committed consumer.
 * Prints p50/p90/p95/p99 per task count and writes the CDFs to {@code .flead/bench/latency/latency-cdf.svg|csv}.
 */
public final class LatencyBench {
    static final String CHART = ".flead/bench/latency/latency-cdf.svg";
    static final String DATA = ".flead/bench/latency/latency-cdf.csv";
    private static final int CDF_POINTS = 400;

    /** The benchmark's options (see {@link #main}). */
    record Options(List<Integer> producers, double rate, int devices, int rows, int partitions, double warmup,
                   long commitMs, int seedDevices, int seedRows, int roundSize) {
        static Options parse(String[] args) {
            return BenchFlags.parse(new Flags(), args).options();
        }
    }

    /** The flags of {@code flead bench latency}, declared once. */
    @Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The time from a row entering Kafka to its anomaly being readable, for each number of source "
            + "tasks at one total rate; writes the CDF to " + CHART + " and .csv.")
    public static final class Flags {
        @Option(names = "--producers", split = ",", defaultValue = "1,2,3,4",
            description = "source tasks (tasks.max) of each run, comma-separated (default: ${DEFAULT-VALUE})")
        List<Integer> producers;
        @Option(names = "--rate", defaultValue = "5000",
            description = "rows/s in total, flead up's replay rate (default: ${DEFAULT-VALUE})")
        double rate;
        @Option(names = "--devices", defaultValue = "200", description = "devices replayed per run (default: ${DEFAULT-VALUE})")
        int devices;
        @Option(names = "--rows", defaultValue = "500", description = "rows per device (default: ${DEFAULT-VALUE})")
        int rows;
        @Option(names = "--partitions", defaultValue = "4", description = "topic partitions (default: ${DEFAULT-VALUE})")
        int partitions;
        @Option(names = "--warmup", defaultValue = "3", description = "seconds not sampled (default: ${DEFAULT-VALUE})")
        double warmup;
        @Option(names = "--commit-ms", defaultValue = "50",
            description = "score's exactly-once commit interval, 1-60000 (default: ${DEFAULT-VALUE})")
        long commitMs;
        @Option(names = "--seed-devices", defaultValue = "50",
            description = "devices of the fleet the global model is trained on first (default: ${DEFAULT-VALUE})")
        int seedDevices;
        @Option(names = "--seed-rows", defaultValue = "400",
            description = "rows per device of that fleet (default: ${DEFAULT-VALUE})")
        int seedRows;
        @Option(names = "--round-size", defaultValue = "20", description = "fedavg's round size (default: ${DEFAULT-VALUE})")
        int roundSize;

        Options options() {
            return new Options(List.copyOf(producers), rate, devices, rows, partitions, warmup,
                BenchFlags.range("--commit-ms", commitMs, 1, 60_000), seedDevices, seedRows, roundSize);
        }
    }

    private LatencyBench() {
    }

    /**
     * Options: {@code --producers 1,2,3,4} (tasks.max of each run), {@code --rate 5000} rows/s in total (flead up's
     * replay rate), {@code --devices 200 --rows 500} replayed per run, {@code --partitions 4}, {@code --warmup 3} s
     * not sampled, {@code --commit-ms 50} (score's exactly-once commit interval), {@code --seed-devices 50
     * --seed-rows 400} (the fleet the global model is trained on first), {@code --round-size 20}.
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Map<Integer, Cdf> cdfs;
        try (WorkDir work = WorkDir.create("flead-bench-latency")) {
            cdfs = measure(o, work);
        }
        write(cdfs, o.rate());
    }

    private static Map<Integer, Cdf> measure(Options o, WorkDir work) throws Exception {
        Path devices = work.resolve("devices");
        long rows = TelemetryReplay.generate(devices, o.devices(), o.rows()).trainingRows();
        Path seedDevices = work.resolve("seed-devices");
        long seedRows = TelemetryReplay.generate(seedDevices, o.seedDevices(), o.seedRows()).trainingRows();
        System.out.printf("# latency bench: %d rows per run at %.0f rows/s in total, %d partitions, score under"
            + " exactly_once_v2 with commit.interval.ms=%d; source tasks %s%n", rows, o.rate(), o.partitions(),
            o.commitMs(), o.producers());
        Map<Integer, Cdf> cdfs = new LinkedHashMap<>();
        try (EmbeddedStack stack = EmbeddedStack.builder(work.resolve("stack"))
                .pluginDir(PluginDirs.locate("csv-device-source")).withPostgres(false).start()) {
            BenchApps apps = new BenchApps(stack.kafka().bootstrapServers(), work.resolve("state"));
            seed(stack, apps, seedDevices, seedRows, o);
            for (int n : o.producers()) {
                Percentiles p = run(stack, apps, devices, rows, n, o);
                Metrics.print("latency.p50_ms." + n, p.at(50), "ms");
                Metrics.print("latency.p90_ms." + n, p.at(90), "ms");
                Metrics.print("latency.p95_ms." + n, p.at(95), "ms");
                Metrics.print("latency.p99_ms." + n, p.at(99), "ms");
                cdfs.put(n, Cdf.of(p, CDF_POINTS));
            }
        }
        return cdfs;
    }

    /** The real loop on a smaller fleet first, so score has a trained global model with statistics. */
    private static void seed(EmbeddedStack stack, BenchApps apps, Path seedDevices, long seedRows, Options o)
            throws Exception {
        EmbeddedKafka kafka = stack.kafka();
        TelemetryReplay.createTopic(kafka, "edge-iiot-stream", o.partitions(), false);
        TelemetryReplay.createTopic(kafka, "edge-iiot-stream-errors", 1, false);
        TelemetryReplay.createTopic(kafka, "local-model-updates", o.partitions(), false);
        kafka.createTopic("global-model-updates", 1,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        TelemetryReplay.fill(stack, seedDevices, "edge-iiot-stream", seedRows);
        ModelSeed.train(kafka, apps, "edge-iiot-stream", BenchApps.streamsSettings("exactly_once_v2", 1000, 64L << 20));
        long versions = ModelSeed.aggregate(kafka, apps, o.roundSize(), Map.of());
        System.out.printf("# global model seeded: version %d from %d rows through local-train and fedavg%n",
            versions, seedRows);
    }

    private static Percentiles run(EmbeddedStack stack, BenchApps apps, Path devices, long rows, int n, Options o)
            throws Exception {
        EmbeddedKafka kafka = stack.kafka();
        String telemetry = "bench-stream-" + n;
        String anomalies = "bench-anomalies-" + n;
        TelemetryReplay.createTopic(kafka, telemetry, o.partitions(), true);
        TelemetryReplay.createTopic(kafka, telemetry + "-errors", 1, false);
        TelemetryReplay.createTopic(kafka, anomalies, o.partitions(), false);
        String id = "bench-score-" + n;
        Map<String, String> settings = Map.of(FunctionConfig.TOPIC_TELEMETRY, telemetry,
            FunctionConfig.TOPIC_ANOMALIES, anomalies, FunctionConfig.COMMIT_INTERVAL_MS, Long.toString(o.commitMs()));
        try (Admin admin = kafka.admin(); StreamsAppRunner score = apps.score(id, settings);
             ReadLatencyProbe probe = ReadLatencyProbe.start(kafka.bootstrapServers(), anomalies, Long.MAX_VALUE)) {
            long started = System.currentTimeMillis();
            probe.sampleFrom(started + Math.round(o.warmup() * 1000));
            stack.restClient().putConnectorConfigOrThrow("bench-latency-" + n,
                TelemetryReplay.connector(devices, telemetry, n, o.rate()));
            Duration replay = Duration.ofSeconds(Math.round(rows / o.rate()) + 120);
            TopicWatch.Fill fill = new TopicWatch(admin, telemetry).awaitRecords(rows, Duration.ofMillis(100), replay);
            new GroupCatchUp(admin, telemetry).awaitCommitted(id, Duration.ofMinutes(2));
            probe.awaitRecords(Long.MAX_VALUE, Duration.ofSeconds(1));
            stack.restClient().delete("bench-latency-" + n);
            Percentiles p = Percentiles.of(probe.samplesMs());
            System.out.printf("# %d source task(s): %d rows in %.1f s (%.0f rows/s), %d anomalies sampled after the"
                + " %.0f s warm-up, max %.0f ms%n", n, rows, fill.seconds(), rows / fill.seconds(), p.count(),
                o.warmup(), p.at(100));
            return p;
        }
    }

    private static void write(Map<Integer, Cdf> cdfs, double rate) throws Exception {
        Path root = ProjectLayout.root();
        Path chart = root.resolve(CHART);
        Path data = root.resolve(DATA);
        CdfChart.write(cdfs, rate, chart);
        Files.writeString(data, Cdf.csv(cdfs), StandardCharsets.UTF_8);
        System.out.println("# CDF written to " + chart + " and " + data);
    }
}
