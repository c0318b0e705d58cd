package io.flead.bench.chaos;

import io.flead.platform.up.PipelineTopics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Counters that grow while rows land, read without blocking on a dead or frozen part (each read gives up after a
 * few seconds and answers -1): committed rows of the telemetry topic, rows of a table, a group's committed offsets.
 */
final class PipelineProgress implements AutoCloseable {
    private final Admin admin;
    private final ProcessStack stack;

    PipelineProgress(ProcessStack stack) {
        this.admin = stack.admin();
        this.stack = stack;
    }

    /** The stable (read_committed) end offsets of {@code edge-iiot-stream}, summed over its partitions. */
    long committedTelemetry() {
        try {
            var partitions = admin.describeTopics(java.util.List.of(PipelineTopics.TELEMETRY)).allTopicNames()
                .get(3, TimeUnit.SECONDS).get(PipelineTopics.TELEMETRY).partitions().stream()
                .map(p -> new TopicPartition(PipelineTopics.TELEMETRY, p.partition()))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(3, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Rows of {@code table}; 0 before the sink created it. */
    long tableRows(String table) {
        try (Connection db = stack.database("&connectTimeout=2&socketTimeout=3&loginTimeout=2"); Statement st = db.createStatement()) {
            try (ResultSet exists = st.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The offsets {@code group} committed, summed over every partition it consumes. */
    long groupOffsets(String group) {
        try {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            return offsets.values().stream().filter(o -> o != null).mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
