package io.flead.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Watches how many records a topic holds (the sum of its partitions' end offsets). */
public final class TopicWatch {
    private final Admin admin;
    private final String topic;
    private final List<TopicPartition> partitions;

    public TopicWatch(Admin admin, String topic) throws Exception {
        this.admin = admin;
        this.topic = topic;
        this.partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
            .get(topic).partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .collect(Collectors.toList());
    }

    public long records() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream()
            .mapToLong(info -> info.offset()).sum();
    }

    /** Timing of a fill: first record seen, last expected record seen (System.nanoTime()). */
    public record Fill(long firstNanos, long doneNanos, long records) {
        public double seconds() {
            return (doneNanos - firstNanos) / 1e9;
        }
    }

    /** Polls every {@code poll} until {@code expected} records are in the topic; fails after {@code timeout}. */
    public Fill awaitRecords(long expected, Duration poll, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long first = -1;
        long count = 0;
        while (System.nanoTime() < deadline) {
            count = records();
            long now = System.nanoTime();
            if (count > 0 && first < 0) {
                first = now;
            }
            if (count >= expected) {
                return new Fill(first, now, count);
            }
            Thread.sleep(poll.toMillis());
        }
        throw new IllegalStateException("topic '" + topic + "' holds " + count + " records, expected " + expected
            + " within " + timeout.toSeconds() + " s");
    }
}
