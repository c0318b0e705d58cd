package io.flead.bench.loop;

import io.flead.model.DriftAlert;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.UpdateAck;
import io.flead.runtime.FunctionConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a run's topics while it runs: every global model as it appears (with the rows on the telemetry topic right
 * after it was read, so the share of the replay it is credited with is never too small), fedavg's acknowledgements by
 * outcome, the number of local updates and the devices with an alert-severity drift alert, all with
 * {@code read_committed}.
 */
final class LoopWatch implements AutoCloseable {
    static final String TELEMETRY = "edge-iiot-stream";
    static final String LOCAL_UPDATES = "local-model-updates";
    static final String GLOBAL_MODELS = "global-model-updates";
    static final String UPDATE_ACKS = FunctionConfig.DEFAULT_UPDATE_ACKS;
    static final String DRIFT_ALERTS = "drift-alerts";
    private static final List<String> READ = List.of(GLOBAL_MODELS, LOCAL_UPDATES, UPDATE_ACKS, DRIFT_ALERTS);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<LoopFigures.Sighting> sightings = new ArrayList<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Set<String> driftAlerted = new HashSet<>();
    private List<TopicPartition> telemetry;
    private long localUpdates;
    private long rows;
    private final long startNanos = System.nanoTime();

    LoopWatch(String bootstrap) {
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
            "enable.auto.commit", "false", "max.poll.records", "5000"), new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    }

    /** Reads what is new; does nothing until {@code flead up} has created the topics. */
    void sample() throws Exception {
        if (telemetry == null && !assign()) {
            return;
        }
        List<GlobalModel> seen = new ArrayList<>();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        while (!records.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                read(r, seen);
            }
            records = consumer.poll(Duration.ZERO);
        }
        rows = telemetryRows();
        long atMs = (System.nanoTime() - startNanos) / 1_000_000;
        seen.forEach(m -> sightings.add(new LoopFigures.Sighting(m, rows, atMs)));
    }

    private void read(ConsumerRecord<byte[], byte[]> r, List<GlobalModel> seen) {
        if (r.value() == null) {
            return;
        }
        switch (r.topic()) {
            case GLOBAL_MODELS -> seen.add(JsonCodec.decode(r.value(), GlobalModel.class));
            case UPDATE_ACKS -> outcomes.merge(JsonCodec.decode(r.value(), UpdateAck.class).outcome(), 1L, Long::sum);
            case DRIFT_ALERTS -> {
                DriftAlert alert = JsonCodec.decode(r.value(), DriftAlert.class);
                if ("alert".equals(alert.severity())) {
                    driftAlerted.add(alert.deviceId());
                }
            }
            default -> localUpdates++;
        }
    }

    /** Samples until a second passes without a new record (after {@code flead up} has exited). */
    void drain(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        long quietSince = System.nanoTime();
        long before = count();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(1)) {
            sample();
            long now = count();
            if (now != before) {
                quietSince = System.nanoTime();
                before = now;
            }
        }
    }

    private long count() {
        return sightings.size() + localUpdates + outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    private boolean assign() throws ExecutionException, InterruptedException {
        var names = admin.listTopics().names().get();
        if (!names.contains(TELEMETRY) || !names.containsAll(READ)) {
            return false;
        }
        Map<String, List<TopicPartition>> partitions = admin.describeTopics(
                java.util.stream.Stream.concat(READ.stream(), java.util.stream.Stream.of(TELEMETRY)).toList())
            .allTopicNames().get().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().stream()
                .map(p -> new TopicPartition(e.getKey(), p.partition())).toList()));
        List<TopicPartition> read = READ.stream().flatMap(t -> partitions.get(t).stream()).toList();
        consumer.assign(read);
        consumer.seekToBeginning(read);
        telemetry = partitions.get(TELEMETRY);
        return true;
    }

    private long telemetryRows() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = telemetry.stream()
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }

    List<LoopFigures.Sighting> sightings() {
        return List.copyOf(sightings);
    }

    /** Devices with at least one alert-severity drift alert. */
    Set<String> driftAlerted() {
        return Set.copyOf(driftAlerted);
    }

    Map<String, Long> outcomes() {
        return Map.copyOf(outcomes);
    }

    long localUpdates() {
        return localUpdates;
    }

    /** Records on the telemetry topic at the last sample. */
    long rows() {
        return rows;
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
