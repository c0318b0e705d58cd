package io.flead.bench.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer lag of a group in records: end offset minus committed offset per partition, where a small gap is
 * read with {@code read_committed} so that transaction markers (which take offsets but are no records) do not count.
 */
public final class GroupLag implements AutoCloseable {
    private static final long READ_GAPS_UP_TO = 1000;

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;

    public GroupLag(Admin admin, String bootstrap) {
        this.admin = admin;
        this.reader = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
            "enable.auto.commit", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Records the group has not committed yet, over every partition it has committed on. */
    public long lag(String group) throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, o) -> {
            if (o != null) {
                committed.put(tp, o.offset());
            }
        });
        Map<TopicPartition, Long> ends = admin.listOffsets(committed.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> gap : ConsumerLag.gaps(ends, committed).entrySet()) {
            TopicPartition tp = gap.getKey();
            lag += gap.getValue() > READ_GAPS_UP_TO ? gap.getValue() : recordsBetween(tp, committed.get(tp), ends.get(tp));
        }
        return lag;
    }

    private long recordsBetween(TopicPartition tp, long from, long end) {
        reader.assign(List.of(tp));
        reader.seek(tp, from);
        long records = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (reader.position(tp) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(100))) {
                records += r.offset() < end ? 1 : 0;
            }
        }
        return reader.position(tp) < end ? Math.max(records, 1) : records;
    }

    @Override
    public void close() {
        reader.close();
    }
}
