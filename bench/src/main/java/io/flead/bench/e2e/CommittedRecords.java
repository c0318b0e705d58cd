package io.flead.bench.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counts the committed records of a topic written under exactly-once (end offsets also count transaction markers). */
final class CommittedRecords implements AutoCloseable {
    private static final Duration SLICE = Duration.ofSeconds(3);

    private final KafkaConsumer<byte[], byte[]> reader;
    private final List<TopicPartition> partitions;
    private long count;

    CommittedRecords(String bootstrap, String topic) {
        this.reader = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
            "enable.auto.commit", "false", "max.poll.records", "10000"), new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        this.partitions = reader.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
    }

    /**
     * Reads on, for at most a few seconds, towards the last stable offsets (read_committed end offsets); the count
     * of all records read so far, or -1 while the stable offsets are not reached yet (the next call reads on).
     */
    long count() {
        Map<TopicPartition, Long> stable = reader.endOffsets(partitions);
        long deadline = System.nanoTime() + SLICE.toNanos();
        while (partitions.stream().anyMatch(tp -> reader.position(tp) < stable.get(tp))) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            count += reader.poll(Duration.ofMillis(100)).count();
        }
        return count;
    }

    @Override
    public void close() {
        reader.close();
    }
}
