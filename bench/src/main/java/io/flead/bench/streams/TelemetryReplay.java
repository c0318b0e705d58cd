package io.flead.bench.streams;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import io.flead.bench.TopicWatch;
import io.flead.embedded.EmbeddedKafka;
import io.flead.embedded.EmbeddedStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Datagen device files replayed into Kafka by the real csv-device-source connector, configured as
 * {@code connect-configs/csv-device-source.json} configures it, so the records are exactly what {@code flead up} reads.
 */
public final class TelemetryReplay {
    public static final String CONNECTOR_CLASS = "io.flead.connect.csv.CsvDeviceSourceConnector";

    private TelemetryReplay() {
    }

    /** Generates {@code devices} files of {@code rows} training rows each under {@code dir}. */
    public static GenerationReport generate(Path dir, int devices, int rows) {
        return DeviceDataGenerator.generate(
            GeneratorConfig.defaults().withDevices(devices).withRows(rows).withHoldoutRows(0), dir);
    }

    /**
     * A device-keyed topic that keeps the replayed (years old) rows; with {@code appendTime} the broker stamps each
     * record with its append time, the moment it entered Kafka, instead of the row's event time.
     */
    public static void createTopic(EmbeddedKafka kafka, String topic, int partitions, boolean appendTime) {
        Map<String, String> configs = new LinkedHashMap<>(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        if (appendTime) {
            configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        }
        kafka.createTopic(topic, partitions, configs);
    }

    /** Replays the files into {@code topic} as fast as possible with one task, and waits for all {@code rows}. */
    public static void fill(EmbeddedStack stack, Path devices, String topic, long rows) throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            stack.restClient().putConnectorConfigOrThrow("bench-fill-" + topic, connector(devices, topic, 1, 0));
            new TopicWatch(admin, topic).awaitRecords(rows, Duration.ofMillis(50), Duration.ofMinutes(10));
            stack.restClient().delete("bench-fill-" + topic);
        }
    }

    /** The connector config: {@code tasks} tasks, at {@code rate} rows/s in total, or as fast as possible when 0. */
    public static Map<String, String> connector(Path devices, String topic, int tasks, double rate) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", CONNECTOR_CLASS);
        c.put("tasks.max", Integer.toString(tasks));
        c.put("input.path", devices.toString());
        c.put("input.file.pattern", "device_*.csv");
        c.put("topic", topic);
        c.put("errors.topic", topic + "-errors");
        c.put("replay.mode", rate > 0 ? "rate" : "max");
        c.put("replay.rate", Double.toString(Math.max(rate, 0)));
        c.put("replay.order", "round-robin");
        c.put("batch.size", "2000");
        c.put("value.format", "json");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("producer.override.batch.size", "524288");
        c.put("producer.override.linger.ms", "20");
        return c;
    }
}
