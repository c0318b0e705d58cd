package io.flead.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a one-partition tick topic from the beginning (read_committed) in tests. */
final class TopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicReader() {
    }

    /** The {@code n} field of every value, in offset order; waits until {@code expected} values were read, then one quiet poll more. */
    static List<Long> ticks(String bootstrapServers, String topic, int expected) {
        List<Long> ticks = new ArrayList<>();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ticks.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> ticks.add(tick(r)));
            }
            consumer.poll(Duration.ofMillis(500)).forEach(r -> ticks.add(tick(r)));
        }
        return ticks;
    }

    static List<Long> range(long fromInclusive, long toExclusive) {
        return java.util.stream.LongStream.range(fromInclusive, toExclusive).boxed().collect(Collectors.toList());
    }

    private static long tick(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("n").asLong();
        } catch (Exception e) {
            throw new AssertionError("Not a tick: '" + record.value() + "' at offset " + record.offset(), e);
        }
    }
}
