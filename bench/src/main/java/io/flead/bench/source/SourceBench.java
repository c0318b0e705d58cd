package io.flead.bench.source;

import io.flead.bench.BenchFlags;
import io.flead.bench.Metrics;
import io.flead.bench.TopicWatch;
import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PluginDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./flead bench source}: replays generated device files through the csv-device-source connector on a
 * real Connect worker at {@code replay.mode=max}, then runs Kafka's own ProducerPerformance at the same average
 * record size and partition count against the same broker, and prints both rates and their ratio.
 */
public final class SourceBench {
    static final String TOPIC = "edge-iiot-stream";

    private SourceBench() {
    }

    /** The flags of {@code flead bench source}, declared once. */
    @Command(name = "source", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The source connector's replay rate through a real Connect worker, against Kafka's "
            + "ProducerPerformance at the same record size on the same broker.")
    public static final class Flags {
        @Option(names = "--devices", defaultValue = "2400", description = "devices generated (default: ${DEFAULT-VALUE})")
        int devices;
        @Option(names = "--rows", defaultValue = "1000", description = "rows per device (default: ${DEFAULT-VALUE})")
        int rows;
        @Option(names = "--tasks", defaultValue = "1", description = "source tasks (default: ${DEFAULT-VALUE})")
        int tasks;
        @Option(names = "--partitions", defaultValue = "1", description = "topic partitions (default: ${DEFAULT-VALUE})")
        int partitions;
    }

    public static void main(String[] args) throws Exception {
        Flags flags = BenchFlags.parse(new Flags(), args);
        int devices = flags.devices;
        int rows = flags.rows;
        int tasks = flags.tasks;
        int partitions = flags.partitions;
        Path work = Files.createTempDirectory("flead-bench-source");
        GenerationReport data = DeviceDataGenerator.generate(
            GeneratorConfig.defaults().withDevices(devices).withRows(rows).withHoldoutRows(0), work.resolve("devices"));
        long expected = data.trainingRows();
        System.out.printf("source bench: %d devices x %d rows = %d rows, %d task(s), %d partition(s)%n",
            devices, rows, expected, tasks, partitions);
        try (EmbeddedStack stack = EmbeddedStack.builder(work.resolve("stack"))
                .pluginDir(PluginDirs.locate("csv-device-source")).withPostgres(false).start()) {
            // Replayed event times are from 2021: keep the records regardless of their age.
            stack.kafka().createTopic(TOPIC, partitions, Map.of("retention.ms", "-1"));
            stack.kafka().createTopic(TOPIC + "-errors", 1, Map.of("retention.ms", "-1"));
            TopicWatch.Fill fill;
            try (Admin admin = stack.kafka().admin()) {
                TopicWatch watch = new TopicWatch(admin, TOPIC);
                stack.restClient().putConnectorConfigOrThrow("bench-source", connectorConfig(work, tasks));
                fill = watch.awaitRecords(expected, Duration.ofMillis(20), Duration.ofMinutes(15));
            }
            double rowsPerSecond = expected / fill.seconds();
            RecordSizes sizes = RecordSizes.sample(stack.kafka().bootstrapServers(), TOPIC, 50_000);
            stack.restClient().delete("bench-source");
            Metrics.print("source.rows_per_s", rowsPerSecond, "rows/s");
            Metrics.print("source.mb_per_s", rowsPerSecond * sizes.meanBytes() / 1e6, "MB/s");
            Metrics.print("source.record_bytes", sizes.meanBytes(), "bytes");

            ProducerPerfRun.Result perf = ProducerPerfRun.run(stack.kafka(), partitions, 1_000_000,
                (int) Math.round(sizes.meanBytes()), ProducerPerfRun.SAME_PRODUCER_SETTINGS);
            Metrics.print("source.producer_perf_rows_per_s", perf.recordsPerSecond(), "rows/s");
            Metrics.print("source.producer_perf_ratio", rowsPerSecond / perf.recordsPerSecond(), "ratio");
        }
    }

    static Map<String, String> connectorConfig(Path work, int tasks) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
            "connector.class", "io.flead.connect.csv.CsvDeviceSourceConnector",
            "tasks.max", Integer.toString(tasks),
            "input.path", work.resolve("devices").toString(),
            "input.file.pattern", "device_*.csv",
            "topic", TOPIC,
            "replay.mode", "max",
            "value.format", "json",
            "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
        ProducerPerfRun.SAME_PRODUCER_SETTINGS.forEach((k, v) -> config.put("producer.override." + k, v));
        return config;
    }
}
