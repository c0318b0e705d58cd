package io.flead.bench.streams;

import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Round latency of a running fedavg: sends each round's K updates to its (LogAppendTime) updates topic, takes the
 * latest broker append time among them as the K-th update's arrival, and waits for the next global model version
 * to be readable by a {@code read_committed} consumer of the model topic.
 */
final class RoundLatency {
    /**
     * One measured round: its latency, the part of it until fedavg closed the round (the model's {@code ts}, fedavg's
     * wall clock at close; the same clock as the broker's here), and whether the model counted all K participants.
     */
    record Round(double latencyMs, double untilCloseMs, long version, int participants) {
    }

    private RoundLatency() {
    }

    static List<Round> measure(String bootstrap, String updatesTopic, String modelTopic,
                               List<List<LocalModelUpdate>> rounds) throws Exception {
        List<Round> measured = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                 ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, "0"),
                 new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> models = modelConsumer(bootstrap, modelTopic)) {
            for (List<LocalModelUpdate> round : rounds) {
                long arrival = send(producer, updatesTopic, round);
                measured.add(awaitNextModel(models, arrival));
                BenchApps.sleep(20);
            }
        }
        return measured;
    }

    private static KafkaConsumer<byte[], byte[]> modelConsumer(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        return consumer;
    }

    /** Sends the round's updates; returns the latest broker append time among them. */
    private static long send(KafkaProducer<String, byte[]> producer, String topic, List<LocalModelUpdate> round)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (LocalModelUpdate u : round) {
            sent.add(producer.send(new ProducerRecord<>(topic, u.deviceId(), JsonCodec.encode(u))));
        }
        producer.flush();
        long latest = 0;
        for (Future<RecordMetadata> f : sent) {
            latest = Math.max(latest, f.get().timestamp());
        }
        return latest;
    }

    private static Round awaitNextModel(KafkaConsumer<byte[], byte[]> models, long arrival) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : models.poll(Duration.ofMillis(20))) {
                long now = System.currentTimeMillis();
                GlobalModel model = JsonCodec.decode(r.value(), GlobalModel.class);
                return new Round(now - arrival, model.ts() - arrival, model.version(), model.participants());
            }
        }
        throw new IllegalStateException("no new global model within 60 s of a round's K-th update");
    }
}
