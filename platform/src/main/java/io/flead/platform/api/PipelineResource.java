package io.flead.platform.api;

import io.flead.embedded.ConnectorStatus;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.runtime.FunctionConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * {@code GET /api/pipeline}: connector and task states from Connect's REST API, each function's state, records per
 * topic (end minus start offsets; under exactly-once these include transaction markers), rows per table (PostgreSQL's
 * live-tuple statistics) and the lag of each consumer group.
 */
final class PipelineResource {
    static final List<String> TOPICS = List.of("edge-iiot-stream", "local-model-updates", "global-model-updates",
        "anomalies", "drift-alerts", FunctionConfig.DEFAULT_UPDATE_ACKS, FedAvgConfig.DEFAULT_ROUND_CONTROL,
        FedAvgConfig.DEFAULT_ROUND_CONTROL_REPLIES);
    static final String TABLE_ROWS = "SELECT relname AS table, n_live_tup AS rows FROM pg_stat_user_tables "
        + "WHERE relname IN ('telemetry','local_models','global_models','anomalies','drift_alerts') ORDER BY relname";
    private static final int MAX_GROUPS = 50;
    private static final long TIMEOUT_S = 5;

    private final ApiContext c;

    PipelineResource(ApiContext c) {
        this.c = c;
    }

    Object snapshot(Request r) throws Exception {
        r.query().allowOnly(Set.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("time", java.time.Instant.now().toString());
        answer.put("connectors", connectors());
        answer.put("functions", c.functions.states());
        Map<TopicPartition, Long> ends = new HashMap<>();
        answer.put("topics", topics(ends));
        answer.put("tables", tables());
        answer.put("consumer_groups", groups(ends));
        return answer;
    }

    private List<Map<String, Object>> connectors() {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (String name : c.connect.connectors()) {
                ConnectorStatus s = c.connect.connectorStatus(name);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", name);
                m.put("state", s.state());
                m.put("tasks", s.tasks().stream().map(t -> Map.of("id", t.id(), "state", t.state())).toList());
                out.add(m);
            }
        } catch (RuntimeException e) {
            out.add(Map.of("name", "(connect)", "state", "UNREACHABLE", "error", String.valueOf(e.getMessage())));
        }
        return out;
    }

    private List<Map<String, Object>> topics(Map<TopicPartition, Long> ends) throws Exception {
        Admin admin = c.admin();
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<String> present = TOPICS.stream().filter(existing::contains).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        admin.describeTopics(present).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).forEach((name, d) -> {
            for (TopicPartitionInfo p : d.partitions()) {
                latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
            }
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = admin.listOffsets(earliest).all()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
        end.forEach((tp, info) -> ends.put(tp, info.offset()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String topic : present) {
            long records = 0;
            int partitions = 0;
            for (TopicPartition tp : end.keySet()) {
                if (tp.topic().equals(topic)) {
                    records += end.get(tp).offset() - start.get(tp).offset();
                    partitions++;
                }
            }
            out.add(Map.of("topic", topic, "partitions", partitions, "records", records));
        }
        return out;
    }

    private Object tables() {
        try {
            return c.db.rows(TABLE_ROWS);
        } catch (SQLException e) {
            return List.of(Map.of("table", "(database)", "error", e.getMessage()));
        }
    }

    private List<Map<String, Object>> groups(Map<TopicPartition, Long> ends) throws Exception {
        Admin admin = c.admin();
        List<String> ids = admin.listGroups().all().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
            .map(GroupListing::groupId).sorted().limit(MAX_GROUPS).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<String, Long> lagByTopic = committed.entrySet().stream()
                .filter(e -> e.getValue() != null && ends.containsKey(e.getKey()))
                .collect(Collectors.groupingBy(e -> e.getKey().topic(), LinkedHashMap::new,
                    Collectors.summingLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue().offset()))));
            if (!committed.isEmpty()) {
                out.add(Map.of("group", id, "lag", lagByTopic.values().stream().mapToLong(Long::longValue).sum(),
                    "lag_by_topic", lagByTopic));
            }
        }
        return out;
    }
}
