package io.flead.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic as a {@code read_committed} consumer: every committed record value, up to the stable offsets. */
final class TopicScan {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private TopicScan() {
    }

    static long scan(String bootstrap, String topic, Consumer<byte[]> onValue) {
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
            "isolation.level", "read_committed", "enable.auto.commit", "false", "max.poll.records", "10000"),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> stable = reader.endOffsets(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long count = 0;
            while (partitions.stream().anyMatch(tp -> reader.position(tp) < stable.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " up to " + stable + " within "
                        + TIMEOUT.toMinutes() + " min");
                }
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.offset() < stable.get(new TopicPartition(r.topic(), r.partition()))) {
                        onValue.accept(r.value());
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
