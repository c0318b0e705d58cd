package io.flead.bench.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How fast a Streams app works through a pre-filled topic, read from its consumer group's committed offsets: rows
 * committed between the first commit seen and the commit that reaches the end, over the time between them (so the
 * app's start and its first commit interval are not counted).
 */
public final class GroupCatchUp {
    private final Admin admin;
    private final List<TopicPartition> partitions;

    public GroupCatchUp(Admin admin, String topic) throws Exception {
        this.admin = admin;
        this.partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
    }

    /** Rows and seconds from the first commit to the last. */
    public record Rate(long rows, double seconds) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    public long endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }

    public long committed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get();
        return partitions.stream().map(offsets::get).filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** Waits until the group has committed the whole topic, without timing it. */
    public void awaitCommitted(String group, Duration timeout) throws Exception {
        long end = endOffsets();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committed(group) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("group '" + group + "' committed " + committed(group) + " of " + end
                    + " rows within " + timeout.toSeconds() + " s");
            }
            BenchApps.sleep(20);
        }
    }

    /** Polls the group's commits until they reach the topic's end; fails after {@code timeout}. */
    public Rate await(String group, Duration timeout) throws Exception {
        long end = endOffsets();
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstNanos = -1;
        long firstRows = 0;
        long rows = 0;
        while (System.nanoTime() < deadline) {
            rows = committed(group);
            long now = System.nanoTime();
            if (rows > 0 && firstNanos < 0) {
                firstNanos = now;
                firstRows = rows;
            }
            if (rows >= end) {
                if (rows == firstRows) {
                    throw new IllegalStateException("group '" + group + "' committed all " + end
                        + " rows at its first commit: too few rows to time, raise --rows or --devices");
                }
                return new Rate(rows - firstRows, (now - firstNanos) / 1e9);
            }
            BenchApps.sleep(10);
        }
        throw new IllegalStateException("group '" + group + "' committed " + rows + " of " + end + " rows within "
            + timeout.toSeconds() + " s");
    }
}
