package io.flead.bench.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Whether a Streams app's consumer group has committed a whole topic (the sum of its partitions' offsets). */
public final class GroupCatchUp {
    private final Admin admin;
    private final List<TopicPartition> partitions;

    public GroupCatchUp(Admin admin, String topic) throws Exception {
        this.admin = admin;
        this.partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
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
}
