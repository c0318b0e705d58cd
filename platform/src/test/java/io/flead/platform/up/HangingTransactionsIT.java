package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions a killed broker left hanging, on a real KRaft broker: a transactional producer writes a record and
 * commits a consumer group's offsets inside a transaction, the broker stops before the transaction ends and comes
 * back with its transaction log lost, so the coordinator no longer knows the transaction. That leaves the data
 * partition's last stable offset stuck and the group's committed offset pending for good (what a SIGKILLed
 * {@code flead up} left behind: a Streams app waiting forever for "the last committed offset"), until
 * {@link HangingTransactions#abortAll} ends both.
 */
class HangingTransactionsIT {

    private static final String TOPIC = "hanging-data";
    private static final String GROUP = "hanging-group";

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void abortsHangingTransactionsOnDataPartitionsAndOnTheGroupsOffsets() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka.createTopic(TOPIC, 1, Map.of());
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            kafka.bootstrapServers(), "transactional.id", "hanging-producer", "transaction.timeout.ms", "10000"),
            new StringSerializer(), new StringSerializer());
        try {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get();
            producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(1)),
                new ConsumerGroupMetadata(GROUP));
            kafka.close(); // the transaction is still open: the producer never ends it
        } finally {
            producer.close(Duration.ZERO);
        }
        forgetTransactions(kafka.logDir());
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));

        try (var admin = kafka.admin(); KafkaConsumer<String, String> consumer = consumer()) {
            assertThatThrownBy(() -> consumer.committed(Set.of(partition), Duration.ofSeconds(5)))
                .as("the group's offsets wait on the transaction nobody will end")
                .isInstanceOf(TimeoutException.class);
            assertThat(lastStableOffset(admin, partition)).isZero();

            List<TopicPartition> aborted = HangingTransactions.abortAll(admin);

            assertThat(aborted).contains(partition)
                .anySatisfy(p -> assertThat(p.topic()).isEqualTo("__consumer_offsets"));
            assertThat(consumer.committed(Set.of(partition), Duration.ofSeconds(30)).get(partition))
                .as("the aborted commit is gone").isNull();
            assertThat(lastStableOffset(admin, partition)).isEqualTo(2); // the record and the abort marker
            assertThat(HangingTransactions.abortAll(admin)).as("nothing is left hanging").isEmpty();
        }
    }

    @Test
    void leavesAloneATransactionItsCoordinatorStillHasOpen() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka.createTopic(TOPIC, 1, Map.of());
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (var admin = kafka.admin();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                 kafka.bootstrapServers(), "transactional.id", "live-producer", "transaction.timeout.ms", "60000"),
                 new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get();
            producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(1)),
                new ConsumerGroupMetadata(GROUP));

            assertThat(HangingTransactions.abortAll(admin)).isEmpty();

            producer.commitTransaction(); // still the producer's own transaction to end
            try (KafkaConsumer<String, String> consumer = consumer()) {
                assertThat(consumer.committed(Set.of(partition), Duration.ofSeconds(30)).get(partition).offset())
                    .isEqualTo(1);
            }
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", GROUP,
            "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer());
    }

    private static long lastStableOffset(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).partitionResult(partition).get().offset();
    }

    /** Empties the broker's transaction log: its coordinator comes back knowing no transaction. */
    private static void forgetTransactions(Path logDir) throws IOException {
        try (Stream<Path> dirs = Files.list(logDir)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("__transaction_state-")).toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    files.filter(f -> !f.getFileName().toString().equals("partition.metadata")).forEach(f -> {
                        try {
                            Files.delete(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
    }
}
