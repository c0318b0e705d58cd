package io.flead.platform.status;

import io.flead.model.JsonCodec;
import io.flead.model.UpdateAck;
import io.flead.platform.up.PipelineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads fedavg's acknowledgements on {@code fedavg-consumed} once, from the beginning to the current end. */
final class UpdateAcks {
    private UpdateAcks() {
    }

    /** Every acknowledgement on the topic (one per device once compacted); throws when Kafka cannot be read in time. */
    static List<UpdateAck> readAll(String bootstrap, Duration timeout) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
            "enable.auto.commit", "false", "default.api.timeout.ms", (int) timeout.toMillis(),
            "request.timeout.ms", (int) timeout.toMillis(), "socket.connection.setup.timeout.max.ms", 2000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(PipelineTopics.UPDATE_ACKS, timeout);
            List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
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
