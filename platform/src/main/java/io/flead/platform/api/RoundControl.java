package io.flead.platform.api;

import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.streams.RoundCommand;
import io.flead.fedavg.streams.RoundReply;
import io.flead.model.JsonCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends "close the round now" to fedavg on its control topic and waits for the reply carrying the same request id. */
public final class RoundControl implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> replies;
    private final TopicPartition replyPartition = new TopicPartition(FedAvgConfig.DEFAULT_ROUND_CONTROL_REPLIES, 0);

    public RoundControl(String bootstrapServers) {
        this(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** On the cluster of {@code client} (bootstrap servers and client security, as {@link ApiSettings#kafkaClient()}). */
    public RoundControl(Map<String, Object> client) {
        producer = new KafkaProducer<>(with(client, Map.of("acks", "all", "max.block.ms", "5000")),
            new StringSerializer(), new StringSerializer());
        replies = new KafkaConsumer<>(with(client, Map.of("isolation.level", "read_committed",
            "enable.auto.commit", "false")), new StringDeserializer(), new StringDeserializer());
        replies.assign(List.of(replyPartition));
    }

    private static Map<String, Object> with(Map<String, Object> client, Map<String, Object> own) {
        Map<String, Object> props = new HashMap<>(client);
        props.putAll(own);
        return props;
    }

    /** The reply to a new close-round command, or empty when none came within {@code timeout}. */
    public synchronized Optional<RoundReply> closeNow(Duration timeout) throws Exception {
        replies.seekToEnd(List.of(replyPartition));
        replies.position(replyPartition);
        String id = UUID.randomUUID().toString();
        RoundCommand command = new RoundCommand(RoundCommand.CLOSE_ROUND, id, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(FedAvgConfig.DEFAULT_ROUND_CONTROL, 0, id, JsonCodec.encodeToString(command)))
            .get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : replies.poll(Duration.ofMillis(100))) {
                RoundReply reply = JsonCodec.decode(r.value(), RoundReply.class);
                if (id.equals(reply.requestId())) {
                    return Optional.of(reply);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(2));
        replies.close(Duration.ofSeconds(2));
    }
}
