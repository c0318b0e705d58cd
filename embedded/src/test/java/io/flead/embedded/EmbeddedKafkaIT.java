package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static final String TOPIC = "device-events";

    @TempDir
    Path dataDir;

    @Test
    void recordsProducedBeforeARestartAreReadBackAfterIt() throws Exception {
        List<String> sent = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            kafka.createTopic(TOPIC, 2, Map.of("retention.ms", "-1"));
            kafka.createTopic(TOPIC, 2, Map.of()); // idempotent
            assertThat(partitionCount(kafka)).isEqualTo(2);
            sent.addAll(produce(kafka, 200));
            assertThat(consumeWithGroup(kafka, "before-restart", sent.size())).containsExactlyInAnyOrderElementsOf(sent);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            assertThat(partitionCount(kafka)).isEqualTo(2);
            List<String> read = consumeWithGroup(kafka, "after-restart", sent.size());
            assertThat(read).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(perKeyOrder(read)).isEqualTo(perKeyOrder(sent));
        }
    }

    @Test
    void transactionalProducerCommitsOnASingleBroker() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            kafka.createTopic("tx-events", 1, Map.of());
            Map<String, Object> props = producerProps(kafka);
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx-events", "d1", "committed"));
                producer.commitTransaction();
            }
            Map<String, Object> consumer = consumerProps(kafka, "tx-reader");
            consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            assertThat(consume(consumer, "tx-events", 1)).containsExactly("d1=committed");
        }
    }

    private static int partitionCount(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(TOPIC).partitions().size();
        }
    }

    private static List<String> produce(EmbeddedKafka kafka, int count) throws Exception {
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka))) {
            for (int i = 0; i < count; i++) {
                String key = "device-" + (i % 7);
                String value = "{\"seq\":" + i + "}";
                producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
                sent.add(key + "=" + value);
            }
        }
        return sent;
    }

    private static List<String> consumeWithGroup(EmbeddedKafka kafka, String group, int expected) {
        return consume(consumerProps(kafka, group), TOPIC, expected);
    }

    private static List<String> consume(Map<String, Object> props, String topic, int expected) {
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(record.key() + "=" + record.value());
                }
            }
            // One more poll: nothing beyond what was produced may show up.
            consumer.poll(Duration.ofMillis(300)).forEach(r -> read.add(r.key() + "=" + r.value()));
        }
        return read;
    }

    private static Map<String, List<String>> perKeyOrder(List<String> records) {
        Map<String, List<String>> byKey = new java.util.TreeMap<>();
        for (String record : records) {
            byKey.computeIfAbsent(record.substring(0, record.indexOf('=')), k -> new ArrayList<>()).add(record);
        }
        return byKey;
    }

    private static Map<String, Object> producerProps(EmbeddedKafka kafka) {
        Map<String, Object> props = new java.util.HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static Map<String, Object> consumerProps(EmbeddedKafka kafka, String group) {
        Map<String, Object> props = new java.util.HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return props;
    }
}
