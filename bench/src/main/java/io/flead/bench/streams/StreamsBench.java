package io.flead.bench.streams;

import io.flead.bench.BenchFlags;
import io.flead.bench.Metrics;
import io.flead.bench.latency.Percentiles;
import io.flead.bench.latency.ReadLatencyProbe;
import io.flead.embedded.EmbeddedKafka;
import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PluginDirs;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.StreamsAppRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./flead bench streams}: on an in-JVM broker, replays datagen device files through csv-device-source into
 * {@code edge-iiot-stream}, then times a pass-through app, local-train and score on that same topic (rows/s from
 * their committed offsets), seeds the global model with the real loop (local-train's updates aggregated by fedavg),
 * measures round latency on a fresh fedavg at its default commit interval, and score's produce-to-anomaly latency at
 * a steady rate under exactly-once and at-least-once. Every run starts on a fresh broker in a fresh temp directory.
 */
public final class StreamsBench {
    static final String TELEMETRY = "edge-iiot-stream";
    static final String UPDATES = "local-model-updates";
    static final String MODELS = "global-model-updates";
    static final String ANOMALIES = "anomalies";
    static final String PASS_THROUGH_OUT = "bench-passthrough";
    static final String ROUND_UPDATES = "bench-round-updates";
    static final long CACHE_BYTES = 64L << 20;

    private final Options options;
    private final EmbeddedKafka kafka;
    private final BenchApps apps;

    /** The benchmark's options (see {@link #main}). */
    record Options(int devices, int rows, int partitions, double rate, double seconds, double warmup, long commitMs,
                   long throughputCommitMs, int roundSize, int rounds, long roundCommitMs) {
        static Options parse(String[] args) {
            return BenchFlags.parse(new Flags(), args).options();
        }
    }

    /** The flags of {@code flead bench streams}, declared once. */
    @Command(name = "streams", mixinStandardHelpOptions = true, sortOptions = false,
        description = "local-train, score and a pass-through Streams app on the same topic of a real broker; score "
            + "latency under exactly-once and at-least-once; round latency.")
    public static final class Flags {
        @Option(names = "--devices", defaultValue = "200", description = "devices of the replayed fleet (default: ${DEFAULT-VALUE})")
        int devices;
        @Option(names = "--rows", defaultValue = "1000", description = "rows per device (default: ${DEFAULT-VALUE})")
        int rows;
        @Option(names = "--partitions", defaultValue = "4", description = "topic partitions (default: ${DEFAULT-VALUE})")
        int partitions;
        @Option(names = "--rate", defaultValue = "5000", description = "rows/s of the latency runs (default: ${DEFAULT-VALUE})")
        double rate;
        @Option(names = "--seconds", defaultValue = "20",
            description = "seconds of each latency run after the warm-up (default: ${DEFAULT-VALUE})")
        double seconds;
        @Option(names = "--warmup", defaultValue = "5", description = "seconds not sampled (default: ${DEFAULT-VALUE})")
        double warmup;
        @Option(names = "--commit-ms", defaultValue = "50",
            description = "commit interval of the score latency runs and the seeding fedavg, 1-60000 (default: ${DEFAULT-VALUE})")
        long commitMs;
        @Option(names = "--throughput-commit-ms", defaultValue = "1000",
            description = "commit interval of the throughput runs, 1-60000 (default: ${DEFAULT-VALUE})")
        long throughputCommitMs;
        @Option(names = "--round-size", defaultValue = "20",
            description = "updates per round of the round latency run (default: ${DEFAULT-VALUE})")
        int roundSize;
        @Option(names = "--rounds", defaultValue = "40", description = "rounds of the round latency run (default: ${DEFAULT-VALUE})")
        int rounds;
        @Option(names = "--round-commit-ms", defaultValue = "" + FedAvgConfig.DEFAULT_COMMIT_INTERVAL_MS,
            description = "fedavg's commit interval in the round latency run, 1-60000 (default: fedavg's, ${DEFAULT-VALUE})")
        long roundCommitMs;

        Options options() {
            return new Options(devices, rows, partitions, rate, seconds, warmup,
                BenchFlags.range("--commit-ms", commitMs, 1, 60_000),
                BenchFlags.range("--throughput-commit-ms", throughputCommitMs, 1, 60_000), roundSize, rounds,
                BenchFlags.range("--round-commit-ms", roundCommitMs, 1, 60_000));
        }
    }

    private StreamsBench(Options options, EmbeddedKafka kafka, Path state) {
        this.options = options;
        this.kafka = kafka;
        this.apps = new BenchApps(kafka.bootstrapServers(), state);
    }

    /**
     * Options: {@code --devices 200 --rows 1000} (the replayed fleet), {@code --partitions 4}, {@code --rate 5000}
     * rows/s for {@code --seconds 20} after {@code --warmup 5} (latency runs), {@code --commit-ms 50} (score latency
     * runs and the seeding fedavg), {@code --throughput-commit-ms 1000}, {@code --round-size 20}, {@code --rounds 40}
     * and {@code --round-commit-ms} (the round latency run; fedavg's default commit interval unless given).
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (WorkDir work = WorkDir.create("flead-bench-streams")) {
            runIn(options, work);
        }
    }

    private static void runIn(Options options, WorkDir work) throws Exception {
        Path devices = work.resolve("devices");
        long rows = TelemetryReplay.generate(devices, options.devices(), options.rows()).trainingRows();
        System.out.printf("# streams bench: %d devices x %d rows = %d rows in %s, %d partitions%n",
            options.devices(), options.rows(), rows, TELEMETRY, options.partitions());
        try (EmbeddedStack stack = EmbeddedStack.builder(work.resolve("stack"))
                .pluginDir(PluginDirs.locate("csv-device-source")).withPostgres(false).start()) {
            StreamsBench bench = new StreamsBench(options, stack.kafka(), work.resolve("state"));
            bench.createTopics();
            TelemetryReplay.fill(stack, devices, TELEMETRY, rows);
            bench.run();
        }
    }

    private void createTopics() {
        for (String topic : List.of(TELEMETRY, UPDATES, ANOMALIES, PASS_THROUGH_OUT)) {
            TelemetryReplay.createTopic(kafka, topic, options.partitions(), false);
        }
        TelemetryReplay.createTopic(kafka, TELEMETRY + "-errors", 1, false);
        TelemetryReplay.createTopic(kafka, ROUND_UPDATES, options.partitions(), true);
        kafka.createTopic(MODELS, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private void run() throws Exception {
        Map<String, String> throughput = BenchApps.streamsSettings(StreamsConfig.EXACTLY_ONCE_V2,
            options.throughputCommitMs(), CACHE_BYTES);
        System.out.printf("# throughput runs: exactly_once_v2, commit.interval.ms=%d, record cache 64 MiB, 1 stream"
            + " thread each (flead up's settings for local-train); local-train at flead up's 10 epochs, rate 0.5%n",
            options.throughputCommitMs());
        double passThrough = timed("bench-passthrough", () -> apps.passThrough("bench-passthrough", TELEMETRY,
            PASS_THROUGH_OUT, throughput));
        double localTrain = timed("bench-local-train", () -> apps.localTrain("bench-local-train", throughput));
        Metrics.print("streams.passthrough_rows_per_s", passThrough, "rows/s");
        Metrics.print("streams.localtrain_rows_per_s", localTrain, "rows/s");
        Metrics.print("streams.localtrain_ratio", localTrain / passThrough, "ratio");
        seedGlobalModel();
        roundLatency();
        double score = timed("bench-score", () -> apps.score("bench-score", throughput));
        Metrics.print("streams.score_rows_per_s", score, "rows/s");
        Metrics.print("streams.score_ratio", score / passThrough, "ratio");
        System.out.printf("# latency runs: commit.interval.ms=%d chosen for exactly_once_v2 (the functions' default;"
            + " outputs become readable at commit), producer linger.ms=5, default record cache%n", options.commitMs());
        scoreLatency(StreamsConfig.EXACTLY_ONCE_V2, "streams.latency_p50_ms", "streams.latency_p99_ms");
        scoreLatency(StreamsConfig.AT_LEAST_ONCE, null, "streams.latency_p99_ms.at_least_once");
    }

    /** Starts an app on the pre-filled telemetry topic and returns its rows/s through the whole topic. */
    private double timed(String id, AppStart start) throws Exception {
        try (Admin admin = kafka.admin(); StreamsAppRunner app = start.start()) {
            long rows = new GroupCatchUp(admin, TELEMETRY).endOffsets();
            ProcessedRows.Rate rate = ProcessedRows.await(app.streams(), rows, Duration.ofMinutes(20));
            new GroupCatchUp(admin, TELEMETRY).awaitCommitted(id, Duration.ofMinutes(2));
            System.out.printf("# %s: %d rows in %.2f s from its first processed row to its last%n", id, rate.rows(),
                rate.seconds());
            return rate.rowsPerSecond();
        }
    }

    /** The real loop: fedavg aggregates local-train's updates into global models (with pooled statistics). */
    private void seedGlobalModel() throws Exception {
        long version = ModelSeed.aggregate(kafka, apps, options.roundSize(), latencySettings(StreamsConfig.EXACTLY_ONCE_V2));
        System.out.printf("# global model seeded: version %d from local-train's updates%n", version);
    }

    /** Round latency of a fresh fedavg at its own settings (its default commit interval and retry backoff). */
    private void roundLatency() throws Exception {
        List<LocalModelUpdate> pool = TopicReader.read(kafka.bootstrapServers(), UPDATES, Integer.MAX_VALUE).stream()
            .map(r -> JsonCodec.decode(r.value(), LocalModelUpdate.class)).toList();
        List<List<LocalModelUpdate>> rounds = RoundBursts.deal(pool, options.roundSize(), options.rounds());
        Map<String, String> settings = Map.of(FunctionConfig.PROCESSING_GUARANTEE, StreamsConfig.EXACTLY_ONCE_V2,
            FunctionConfig.COMMIT_INTERVAL_MS, Long.toString(options.roundCommitMs()),
            FunctionConfig.TOPIC_LOCAL_UPDATES, ROUND_UPDATES);
        String id = "bench-fedavg-rounds";
        List<RoundLatency.Round> measured;
        try (StreamsAppRunner fedavg = apps.fedAvg(id, options.roundSize(), settings)) {
            measured = RoundLatency.measure(kafka.bootstrapServers(), ROUND_UPDATES, MODELS, rounds);
        }
        long incomplete = measured.stream().filter(r -> r.participants() != options.roundSize()).count();
        Percentiles p = Percentiles.of(measured.stream().mapToDouble(RoundLatency.Round::latencyMs).toArray());
        System.out.printf("# %s: %d rounds of K=%d real updates (%d with fewer participants), exactly_once_v2,"
            + " commit.interval.ms=%d (fedavg's default is %d), producer.retry.backoff.ms=%d (fedavg's default); p50 %.0f"
            + " ms, p95 %.0f ms, max %.0f ms%n", id, p.count(), options.roundSize(), incomplete, options.roundCommitMs(),
            FedAvgConfig.DEFAULT_COMMIT_INTERVAL_MS, FedAvgConfig.DEFAULT_PRODUCER_RETRY_BACKOFF_MS, p.at(50), p.at(95),
            p.at(100));
        Percentiles untilClose = Percentiles.of(measured.stream().mapToDouble(RoundLatency.Round::untilCloseMs).toArray());
        System.out.printf("# %s: K-th update's arrival -> round closed in fedavg: p50 %.0f ms, p95 %.0f ms; the rest is"
            + " the model's commit and read%n", id, untilClose.at(50), untilClose.at(95));
        Metrics.print("streams.round_latency_p50_ms", p.at(50), "ms");
        Metrics.print("streams.round_latency_p95_ms", p.at(95), "ms");
    }

    /** score alone on a fresh topic fed at --rate, sampling every anomaly stamped after the warm-up. */
    private void scoreLatency(String guarantee, String p50Metric, String p99Metric) throws Exception {
        String suffix = guarantee.equals(StreamsConfig.AT_LEAST_ONCE) ? "alos" : "eos";
        String in = "bench-latency-" + suffix;
        String out = "bench-anomalies-" + suffix;
        TelemetryReplay.createTopic(kafka, in, options.partitions(), false);
        TelemetryReplay.createTopic(kafka, out, options.partitions(), false);
        Map<String, String> settings = new LinkedHashMap<>(latencySettings(guarantee));
        settings.put(FunctionConfig.TOPIC_TELEMETRY, in);
        settings.put(FunctionConfig.TOPIC_ANOMALIES, out);
        List<PacedProducer.Row> rows = TopicReader.read(kafka.bootstrapServers(), TELEMETRY,
            (int) Math.ceil(options.rate() * (options.warmup() + options.seconds()))).stream()
            .map(r -> new PacedProducer.Row(r.key(), r.value())).toList();
        String id = "bench-score-" + suffix;
        try (Admin admin = kafka.admin(); StreamsAppRunner score = apps.score(id, settings)) {
            long from = System.currentTimeMillis() + Math.round(options.warmup() * 1000);
            try (ReadLatencyProbe probe = ReadLatencyProbe.start(kafka.bootstrapServers(), out, from)) {
                long sent = PacedProducer.send(kafka.bootstrapServers(), in, rows, options.rate(),
                    options.warmup() + options.seconds());
                new GroupCatchUp(admin, in).awaitCommitted(id, Duration.ofMinutes(2));
                probe.awaitRecords(Long.MAX_VALUE, Duration.ofSeconds(1));
                Percentiles p = Percentiles.of(probe.samplesMs());
                System.out.printf("# score %s: %d rows at %.0f rows/s, commit.interval.ms=%d; %d anomalies after the"
                    + " %.0f s warm-up sampled; p50 %.0f, p90 %.0f, p99 %.0f, max %.0f ms%n", guarantee, sent,
                    options.rate(), options.commitMs(), p.count(), options.warmup(), p.at(50), p.at(90), p.at(99),
                    p.at(100));
                if (p50Metric != null) {
                    Metrics.print(p50Metric, p.at(50), "ms");
                }
                Metrics.print(p99Metric, p.at(99), "ms");
            }
        }
    }

    /** Latency runs: the given guarantee at --commit-ms, Streams' default record cache. */
    private Map<String, String> latencySettings(String guarantee) {
        return Map.of(FunctionConfig.PROCESSING_GUARANTEE, guarantee,
            FunctionConfig.COMMIT_INTERVAL_MS, Long.toString(options.commitMs()));
    }

    /** Starts one Streams app. */
    @FunctionalInterface
    interface AppStart {
        StreamsAppRunner start();
    }
}
