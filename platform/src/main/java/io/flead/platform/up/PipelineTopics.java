package io.flead.platform.up;

import io.flead.runtime.FunctionConfig;
import io.flead.runtime.TopicSpecs;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** The topics {@code flead up} creates: DESIGN's five with their partition counts and compaction, plus error topics. */
public final class PipelineTopics {
    public static final String TELEMETRY = "edge-iiot-stream";
    public static final String LOCAL_UPDATES = "local-model-updates";
    public static final String GLOBAL_MODELS = "global-model-updates";
    public static final String ANOMALIES = "anomalies";
    public static final String DRIFT_ALERTS = "drift-alerts";
    /** fedavg's acknowledgements of consumed updates (compacted, keyed by device): local training's back-pressure. */
    public static final String UPDATE_ACKS = FunctionConfig.DEFAULT_UPDATE_ACKS;
    public static final String SOURCE_ERRORS = TopicSpecs.SOURCE_ERRORS;
    public static final String SINK_DLQ = TopicSpecs.SINK_DLQ;

    private PipelineTopics() {
    }

    private static final Map<String, String> KEEP = TopicSpecs.KEEP_BY_AGE;

    /** DESIGN's five topics, fedavg's acknowledgements topic and the connectors' error topics (kept by age). */
    public static List<NewTopic> all(int partitions, short replication) {
        List<NewTopic> topics = new java.util.ArrayList<>(List.of(
            new NewTopic(TELEMETRY, partitions, replication).configs(KEEP),
            new NewTopic(LOCAL_UPDATES, partitions, replication).configs(KEEP),
            TopicSpecs.globalModels(GLOBAL_MODELS, replication),
            new NewTopic(ANOMALIES, partitions, replication).configs(KEEP),
            new NewTopic(DRIFT_ALERTS, partitions, replication).configs(KEEP),
            TopicSpecs.updateAcks(UPDATE_ACKS, partitions, replication)));
        topics.addAll(TopicSpecs.connectorErrorTopics(replication));
        return List.copyOf(topics);
    }

    /**
     * Creates the missing topics, and gives error topics that an earlier run let Connect create with the broker's
     * default retention {@code retention.ms=-1}.
     */
    public static List<String> ensure(Admin admin, int partitions, short replication) {
        List<String> created = TopicSpecs.ensure(admin, all(partitions, replication));
        TopicSpecs.keepErrorTopics(admin, List.of(SOURCE_ERRORS, SINK_DLQ));
        return created;
    }
}
