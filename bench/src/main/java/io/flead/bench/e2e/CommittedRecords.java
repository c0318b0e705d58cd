package io.flead.bench.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counts the committed records of a topic written under exactly-once (end offsets also count transaction markers). */
final class CommittedRecords implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final List<TopicPartition> partitions;
    private long count;

    CommittedRecords(String bootstrap, String topic) {
        this.topic = topic;
        this.reader = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
            "enable.auto.commit", "false", "max.poll.records", "10000"), new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        this.partitions = reader.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
    }

    /** Reads on up to the last stable offsets (read_committed end offsets) and returns the records counted so far. */
    long count() {
        Map<TopicPartition, Long> stable = reader.endOffsets(partitions);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (partitions.stream().anyMatch(tp -> reader.position(tp) < stable.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read '" + topic + "' up to its stable offsets " + stable
                    + " within " + PATIENCE.toSeconds() + " s");
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
