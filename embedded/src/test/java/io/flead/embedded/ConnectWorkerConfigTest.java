package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectWorkerConfigTest {

    @Test
    void defaultsFollowTheMessageContractAndRestartFast() {
        Map<String, String> props = ConnectWorkerConfig.properties(ConnectSettings.builder("localhost:9092").build());

        assertThat(props)
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("group.id", "flead-connect")
                .containsEntry("listeners", "http://localhost:0")
                .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("value.converter.schemas.enable", "false")
                .containsEntry("config.storage.topic", "flead-connect-configs")
                .containsEntry("offset.storage.topic", "flead-connect-offsets")
                .containsEntry("status.storage.topic", "flead-connect-status")
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("status.storage.replication.factor", "1")
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("offset.flush.interval.ms", "1000")
                .containsEntry("exactly.once.source.support", "disabled")
                .containsEntry("session.timeout.ms", "6000")
                .containsEntry("heartbeat.interval.ms", "1000")
                .containsEntry("scheduled.rebalance.max.delay.ms", "1000")
                .containsEntry("consumer.session.timeout.ms", "6000")
                .containsEntry("consumer.heartbeat.interval.ms", "1000")
                .doesNotContainKey("plugin.path");
        // a config provider serves its values to every caller of the REST API (validate echoes them): none by default
        assertThat(props.keySet()).noneMatch(key -> key.startsWith("config.providers"));
    }

    @Test
    void pluginDirectoriesGroupEosAndOverridesAreApplied() {
        ConnectSettings settings = ConnectSettings.builder("b:1")
                .pluginDir(Path.of("/repo/connectors/a/target/plugin"))
                .pluginDir(Path.of("/repo/connectors/b/../b/target/plugin"))
                .groupId("g1").restPort(8083).exactlyOnceSource(true)
                .override("offset.flush.interval.ms", "250")
                .build();

        Map<String, String> props = ConnectWorkerConfig.properties(settings);

        assertThat(props)
                .containsEntry("plugin.path", "/repo/connectors/a/target/plugin,/repo/connectors/b/target/plugin")
                .containsEntry("listeners", "http://localhost:8083")
                .containsEntry("offset.storage.topic", "g1-offsets")
                .containsEntry("exactly.once.source.support", "enabled")
                .containsEntry("offset.flush.interval.ms", "250");
    }

    @Test
    void settingsRefuseABadPortOrBlankGroupNamingTheValue() {
        assertThatThrownBy(() -> ConnectSettings.builder("b:1").restPort(70000).build())
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> ConnectSettings.builder("b:1").groupId(" ").build())
                .hasMessageContaining("' '");
    }

    @Test
    void brokerIsASingleNodeWithDynamicQuorumOnEphemeralPorts() {
        Map<String, String> props = KafkaNodeConfig.properties(Path.of("/d"), Map.of("num.partitions", "3"));

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "BROKER://localhost:0,CONTROLLER://localhost:0")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("num.partitions", "3")
                .doesNotContainKey("controller.quorum.voters");
    }

    @Test
    void aRestLoginPutsBasicAuthOnTheOneExtensionsLineBeforeTheCallersExtensions() {
        ConnectRestLogin login = new ConnectRestLogin("flead", Path.of("/work/secrets/connect-rest-password"));
        Map<String, String> alone = ConnectWorkerConfig.properties(ConnectSettings.builder("k:9092").restLogin(login).build());
        assertThat(alone).containsEntry("rest.extension.classes", ConnectWorkerConfig.BASIC_AUTH_EXTENSION);
        Map<String, String> withGuard = ConnectWorkerConfig.properties(ConnectSettings.builder("k:9092").restLogin(login)
                .override("rest.extension.classes", "io.flead.connect.secrets.SecretGuardExtension").build());
        assertThat(withGuard).containsEntry("rest.extension.classes", ConnectWorkerConfig.BASIC_AUTH_EXTENSION
                + ",io.flead.connect.secrets.SecretGuardExtension");
        assertThat(ConnectWorkerConfig.properties(ConnectSettings.builder("k:9092").build()))
                .as("no login, no authentication").doesNotContainKey("rest.extension.classes");
        assertThat(withGuard.values()).as("the password stays in its file").noneMatch(v -> v.contains("connect-rest-password"));
    }
}
