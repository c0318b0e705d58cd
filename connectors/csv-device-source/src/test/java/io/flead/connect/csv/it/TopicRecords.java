package io.flead.connect.csv.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Creates topics and reads them back (read_committed) in the integration tests. */
final class TopicRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record as read: key, JSON value, timestamp, partition. */
    record Read(String key, JsonNode value, long timestamp, int partition) {
    }

    private TopicRecords() {
    }

    /**
     * Creates {@code topic} with time retention off: the records carry 2021 event times, and the broker's
     * first retention check (30 s after start) would otherwise delete them.
     */
    static void create(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            NewTopic newTopic = new NewTopic(topic, partitions, (short) 1).configs(Map.of("retention.ms", "-1"));
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Every record of {@code topic}, waiting until {@code done} holds for what was read (or 90 s), then one quiet poll more. */
    static List<Read> readUntil(String bootstrap, String topic, Predicate<List<Read>> done) throws Exception {
        List<Read> reads = new ArrayList<>();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!done.test(reads) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    reads.add(new Read(r.key(), JSON.readTree(r.value()), r.timestamp(), r.partition()));
                }
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(1500))) {
                reads.add(new Read(r.key(), JSON.readTree(r.value()), r.timestamp(), r.partition()));
            }
        }
        return reads;
    }

    static List<Read> readAtLeast(String bootstrap, String topic, int count) throws Exception {
        return readUntil(bootstrap, topic, reads -> reads.size() >= count);
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
