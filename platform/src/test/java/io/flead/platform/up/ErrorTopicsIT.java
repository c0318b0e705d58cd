package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.EmbeddedKafka;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.TopicSpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters carry the event times of the records they hold (years old for replayed files): every error topic FLEAD
 * creates, or finds created by Connect with the broker's default retention, must keep them by age. On a real KRaft
 * broker, through what a function does at start (docker-compose creates the topics this way) and what
 * {@code flead up} does.
 */
class ErrorTopicsIT {

    private static final String WEEK_MS = Long.toString(TimeUnit.DAYS.toMillis(7));

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;

    /** A broker per test: each starts from no topics at all. */
    @BeforeEach
    void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    }

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aFunctionStartingFirstCreatesEveryErrorTopicKeptByAge() throws Exception {
        FunctionConfig config = FunctionConfig.load(FunctionConfig.baseDefinition("score-errors-it"),
            Map.of("FLEAD_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "FLEAD_STATE_DIR", dir.resolve("s").toString()),
            Map.of(FunctionConfig.TOPIC_DLQ, "score-errors-it-dlq"));
        try (Admin admin = kafka.admin()) {
            TopicSpecs.prepare(admin, config);

            assertThat(retention(admin, "score-errors-it-dlq", TopicSpecs.SOURCE_ERRORS, TopicSpecs.SINK_DLQ))
                .containsOnly("-1");
        }
    }

    @Test
    void anErrorTopicConnectCreatedWithTheBrokerDefaultIsGivenUnlimitedRetention() throws Exception {
        // what Connect does for errors.deadletterqueue.topic.name when the topic is missing: no topic configs at all
        kafka.createTopic("timescale-sink-dlq", 1, Map.of());
        kafka.createTopic("edge-iiot-stream-errors", 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "3600000"));
        try (Admin admin = kafka.admin()) {
            assertThat(retention(admin, "timescale-sink-dlq")).containsExactly(WEEK_MS);

            PipelineTopics.ensure(admin, 2, (short) 1);

            // a config change reaches the broker's metadata cache a moment after the controller accepted it
            assertThat(retentionOnceSettled(admin, "timescale-sink-dlq", "-1")).isEqualTo("-1");
            // a retention set on the topic itself is the operator's choice and is left as it is
            assertThat(retention(admin, "edge-iiot-stream-errors")).containsExactly("3600000");
            assertThat(retention(admin, PipelineTopics.TELEMETRY)).containsExactly("-1");
        }
    }

    private static String retentionOnceSettled(Admin admin, String topic, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String value = retention(admin, topic).get(0);
        while (!value.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = retention(admin, topic).get(0);
        }
        return value;
    }

    private static List<String> retention(Admin admin, String... topics) throws Exception {
        List<ConfigResource> resources = java.util.Arrays.stream(topics)
            .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        return resources.stream().map(r -> configs.get(r).get(TopicConfig.RETENTION_MS_CONFIG).value()).toList();
    }
}
