package io.flead.bench.e2e;

import io.flead.platform.up.PipelineTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads back the whole telemetry topic: each row's broker append time, by device id and seq. */
final class AppendTimes {
    private AppendTimes() {
    }

    /** Every record up to the current end offsets; fails if the topic does not stamp records on append. */
    static Map<String, Long> read(String bootstrap) {
        Map<String, Long> times = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "max.poll.records", "5000"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(PipelineTopics.TELEMETRY).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
                        throw new IllegalStateException("record " + r.topic() + "-" + r.partition() + "@" + r.offset()
                            + " has a " + r.timestampType() + " timestamp, expected LogAppendTime");
                    }
                    times.put(JsonSeq.key(r.key(), JsonSeq.seq(r.value())), r.timestamp());
                }
            }
        }
        return times;
    }
}
