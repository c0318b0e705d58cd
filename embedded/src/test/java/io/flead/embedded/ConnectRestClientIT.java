package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives a real connector (the classpath {@link TickSourceConnector}) through every REST call the client offers. */
class ConnectRestClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TICK_CLASS = TickSourceConnector.class.getName();

    @TempDir
    static Path workDir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(workDir.resolve("kafka"));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void validateReportsTheBadKeyAndPutRefusesIt() {
        try (EmbeddedConnect connect = EmbeddedConnect.start(ConnectSettings.builder(kafka.bootstrapServers())
                .groupId("rest-validate-it").build())) {
            ConnectRestClient rest = connect.restClient();

            ConfigValidation invalid = rest.validate(TICK_CLASS, Map.of("topic", "ticks", "ticks.max", "0"));
            ConfigValidation valid = rest.validate(TICK_CLASS, Map.of("topic", "ticks", "ticks.max", "5"));
            ConnectResponse refused = rest.putConnectorConfig("bad-ticks", tickConfig("ticks", "0"));

            assertThat(invalid.errorCount()).isEqualTo(1);
            assertThat(invalid.errorsByKey()).containsOnlyKeys("ticks.max");
            assertThat(invalid.errors("ticks.max")).singleElement().asString().contains("ticks.max").contains("0");
            assertThat(valid.isValid()).isTrue();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("ticks.max");
            assertThatThrownBy(() -> rest.putConnectorConfigOrThrow("bad-ticks", tickConfig("ticks", "0")))
                    .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void connectorLifecycleWithOffsetsSurvivesAWorkerRestart() {
        String topic = "lifecycle-ticks";
        kafka.createTopic(topic, 1, Map.of());
        try (EmbeddedConnect connect = EmbeddedConnect.start(ConnectSettings.builder(kafka.bootstrapServers())
                .groupId("rest-lifecycle-it").build())) {
            ConnectRestClient rest = connect.restClient();
            assertThat(rest.putConnectorConfig("ticks", tickConfig(topic, "50")).status()).isEqualTo(201);
            rest.awaitRunning("ticks", 1, TIMEOUT);
            assertThat(TopicReader.ticks(kafka.bootstrapServers(), topic, 50)).isEqualTo(TopicReader.range(0, 50));

            rest.stop("ticks");
            rest.awaitState("ticks", "STOPPED", TIMEOUT);
            assertThat(rest.getOffsets("ticks")).singleElement().satisfies(o -> {
                assertThat(o.partition()).isEqualTo(Map.of("tick", "0"));
                assertThat(((Number) o.offset().get("n")).longValue()).isEqualTo(49L);
            });
            rest.alterOffsets("ticks", List.of(new ConnectorOffset(Map.of("tick", "0"), Map.of("n", 39))));
            rest.resume("ticks");
            rest.awaitRunning("ticks", 1, TIMEOUT);
            List<Long> expected = new ArrayList<>(TopicReader.range(0, 50));
            expected.addAll(TopicReader.range(40, 50));
            assertThat(TopicReader.ticks(kafka.bootstrapServers(), topic, 60)).isEqualTo(expected);

            connect.restart();
            assertThat(rest.connectors()).containsExactly("ticks");
            rest.awaitRunning("ticks", 1, TIMEOUT);
            rest.pause("ticks");
            rest.awaitState("ticks", "PAUSED", TIMEOUT);
            rest.resume("ticks");
            rest.restart("ticks", true);
            rest.awaitRunning("ticks", 1, TIMEOUT);
            assertThat(TopicReader.ticks(kafka.bootstrapServers(), topic, 60)).isEqualTo(expected);

            rest.stop("ticks");
            rest.awaitState("ticks", "STOPPED", TIMEOUT);
            rest.resetOffsets("ticks");
            assertThat(rest.getOffsets("ticks")).isEmpty();
            rest.delete("ticks");
            assertThat(rest.connectors()).isEmpty();
        }
    }

    @Test
    void exactlyOnceWorkerCommitsTransactionsOnOneBroker() {
        String topic = "eos-ticks";
        kafka.createTopic(topic, 1, Map.of());
        try (EmbeddedConnect connect = EmbeddedConnect.start(ConnectSettings.builder(kafka.bootstrapServers())
                .groupId("rest-eos-it").exactlyOnceSource(true).build())) {
            ConnectRestClient rest = connect.restClient();
            Map<String, String> config = new java.util.HashMap<>(tickConfig(topic, "200"));
            config.put("exactly.once.support", "required");
            config.put("offsets.storage.topic", "eos-ticks-offsets");
            rest.putConnectorConfigOrThrow("eos-ticks", config);
            rest.awaitRunning("eos-ticks", 1, TIMEOUT);

            assertThat(TopicReader.ticks(kafka.bootstrapServers(), topic, 200)).isEqualTo(TopicReader.range(0, 200));
        }
    }

    private static Map<String, String> tickConfig(String topic, String ticksMax) {
        return Map.of("connector.class", TICK_CLASS, "tasks.max", "1", "topic", topic, "ticks.max", ticksMax);
    }
}
