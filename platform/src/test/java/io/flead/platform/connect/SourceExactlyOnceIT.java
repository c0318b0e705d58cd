package io.flead.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;
import io.flead.embedded.ConnectRestClient;
import io.flead.embedded.EmbeddedKafka;
import io.flead.model.JsonCodec;
import io.flead.platform.ProjectLayout;
import io.flead.platform.up.PipelineTopics;
import io.flead.platform.up.Platform;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped source configuration on {@code flead up}'s Connect worker, killed with SIGKILL mid-replay and started
 * again: every row of every device file is on {@code edge-iiot-stream} exactly once for a {@code read_committed}
 * reader (issue: with exactly-once source support off, a restarted worker replays again what it had sent since its
 * last offset flush).
 */
class SourceExactlyOnceIT {
    private static final int DEVICES = 40;
    private static final int ROWS = 1500;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void aWorkerKilledMidReplayAndStartedAgainLosesAndRepeatsNoRow() throws Exception {
        Path data = Files.createDirectories(work.resolve("devices"));
        long rows = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(DEVICES).withRows(ROWS)
            .withSeed(7), data).trainingRows();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"));
             Admin admin = kafka.admin()) {
            PipelineTopics.ensure(admin, 4, (short) 1);
            int port = freePort();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("FLEAD_DATA_DIR", data.toString());
            env.put("FLEAD_SOURCE_TASKS", "2");
            env.put("FLEAD_REPLAY_MODE", "rate");
            env.put("FLEAD_REPLAY_RATE", "5000");
            env.put("FLEAD_REPLICATION_FACTOR", "1");
            ConnectorConfigs.ConnectorConfig source = ConnectorConfigs.load(ProjectLayout.connectConfigs()).stream()
                .filter(c -> c.name().equals("csv-device-source")).findFirst().orElseThrow();
            Path log = work.resolve("worker.log");
            WorkerProcess first = WorkerProcess.start(kafka.bootstrapServers(), port, env, work.resolve("secrets"), log);
            try (CommittedRows telemetry = new CommittedRows(kafka.bootstrapServers(), admin)) {
                new ConnectRestClient(first.restUrl(), Platform.connectRestLogin(work.resolve("secrets")))
                    .putConnectorConfigOrThrow(source.name(), source.config());
                telemetry.awaitAtLeast(rows * 3 / 10, DEADLINE);
                first.kill();
                long atKill = telemetry.count();
                long killedAt = System.nanoTime();
                try (WorkerProcess second = WorkerProcess.start(kafka.bootstrapServers(), port, env, work.resolve("secrets"), log)) {
                    telemetry.awaitAtLeast(atKill + 1, DEADLINE);
                    System.out.printf("killed at %,d of %,d rows; rows flowing again %.1f s after the kill%n", atKill,
                        rows, (System.nanoTime() - killedAt) / 1e9);
                    telemetry.awaitAtLeast(rows, DEADLINE);
                    telemetry.settle(Duration.ofSeconds(3));

                    assertThat(telemetry.duplicates().size()).as("rows read more than once, e.g. %s",
                        telemetry.duplicates().keySet().stream().limit(5).toList()).isZero();
                    assertThat(telemetry.count()).as("rows read").isEqualTo(rows);
                    assertThat(telemetry.perDeviceInOrder()).as("each device's rows in file order").isTrue();
                }
            } finally {
                first.kill();
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Reads {@code edge-iiot-stream} with {@code read_committed} and keeps every (device, line) seen. */
    private static final class CommittedRows implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Map<String, Integer> seen = new HashMap<>();
        private final Map<String, Long> lastSeq = new HashMap<>();
        private final Map<String, Integer> duplicates = new LinkedHashMap<>();
        private boolean inOrder = true;
        private long count;

        CommittedRows(String bootstrap, Admin admin) throws Exception {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "max.poll.records", "10000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            int partitions = admin.describeTopics(List.of(PipelineTopics.TELEMETRY)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(PipelineTopics.TELEMETRY).partitions().size();
            List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(PipelineTopics.TELEMETRY, p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
        }

        void awaitAtLeast(long n, Duration max) {
            long deadline = System.nanoTime() + max.toNanos();
            while (count < n) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + count + " of " + n + " rows after " + max);
                }
                poll(Duration.ofMillis(200));
            }
        }

        /** Reads until nothing new arrived for {@code quiet}. */
        void settle(Duration quiet) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < quiet.toNanos()) {
                if (poll(Duration.ofMillis(200)) > 0) {
                    quietSince = System.nanoTime();
                }
            }
        }

        private int poll(Duration timeout) {
            int n = 0;
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
                Map<?, ?> row = JsonCodec.decode(r.value(), Map.class);
                String device = String.valueOf(row.get("device_id"));
                long seq = ((Number) row.get("seq")).longValue();
                String key = device + "#" + seq;
                if (seen.merge(key, 1, Integer::sum) > 1) {
                    duplicates.merge(key, 1, Integer::sum);
                }
                Long before = lastSeq.put(device, seq);
                inOrder &= before == null || before < seq || seen.get(key) > 1;
                count++;
                n++;
            }
            return n;
        }

        long count() {
            return count;
        }

        Map<String, Integer> duplicates() {
            return duplicates;
        }

        boolean perDeviceInOrder() {
            return inOrder;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
