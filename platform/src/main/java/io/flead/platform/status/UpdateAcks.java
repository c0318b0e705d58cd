package io.flead.platform.status;

import io.flead.model.JsonCodec;
import io.flead.model.UpdateAck;
import io.flead.platform.up.PipelineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads fedavg's acknowledgements on {@code fedavg-consumed} once, up to the current end. */
public final class UpdateAcks {
    private UpdateAcks() {
    }

    /**
     * The acknowledgements written at {@code sinceMs} or later (fedavg stamps each record with its {@code ts}, so the
     * read starts at that time's offsets instead of the beginning); throws when Kafka cannot be read in time.
     */
    public static List<UpdateAck> readSince(String bootstrap, long sinceMs, Duration timeout) {
        return readSince(Map.of("bootstrap.servers", bootstrap), sinceMs, timeout);
    }

    /** As {@link #readSince(String, long, Duration)}, on the cluster of {@code client} (servers and client security). */
    public static List<UpdateAck> readSince(Map<String, Object> client, long sinceMs, Duration timeout) {
        Map<String, Object> config = new HashMap<>(client);
        config.putAll(Map.of("isolation.level", "read_committed",
            "enable.auto.commit", "false", "default.api.timeout.ms", (int) timeout.toMillis(),
            "request.timeout.ms", (int) timeout.toMillis(), "socket.connection.setup.timeout.max.ms", 2000));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(PipelineTopics.UPDATE_ACKS, timeout);
            List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> from = new HashMap<>();
            partitions.forEach(tp -> from.put(tp, Math.max(0, sinceMs)));
            consumer.offsetsForTimes(from, timeout).forEach((tp, found) ->
                consumer.seek(tp, found == null ? ends.get(tp) : found.offset()));
            List<UpdateAck> acks = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.value() != null) {
                        acks.add(JsonCodec.decode(r.value(), UpdateAck.class));
                    }
                }
            }
            return acks;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
