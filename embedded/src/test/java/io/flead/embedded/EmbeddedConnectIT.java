package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedConnectIT {

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
    void workerWithAnEmptyPluginDirListsTheBuiltInConverters() throws Exception {
        Path emptyPlugins = Files.createDirectories(workDir.resolve("empty-plugins"));
        ConnectSettings settings = ConnectSettings.builder(kafka.bootstrapServers())
                .pluginDir(emptyPlugins).groupId("connect-plugins-it").build();
        try (EmbeddedConnect connect = EmbeddedConnect.start(settings)) {
            ConnectRestClient rest = connect.restClient();

            assertThat(rest.send("GET", "connector-plugins", null).status()).isEqualTo(200);
            assertThat(rest.listPlugins(false))
                    .contains(new PluginInfo("org.apache.kafka.connect.json.JsonConverter", "converter", "4.3.1"),
                            new PluginInfo("org.apache.kafka.connect.storage.StringConverter", "converter", "4.3.1"));
            assertThat(rest.serverInfo()).containsEntry("version", "4.3.1");
        }
    }

    @Test
    void unknownConnectorClassIsRefusedWithConnectsMessage() {
        ConnectSettings settings = ConnectSettings.builder(kafka.bootstrapServers()).groupId("connect-errors-it").build();
        try (EmbeddedConnect connect = EmbeddedConnect.start(settings)) {
            ConnectRestClient rest = connect.restClient();

            ConnectResponse answer = rest.putConnectorConfig("ghost", Map.of("connector.class", "io.flead.NoSuchConnector"));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("io.flead.NoSuchConnector");
            assertThatThrownBy(() -> rest.connectorStatus("ghost"))
                    .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.connectMessage()).contains("ghost");
                    });
        }
    }

    @Test
    void stoppedWorkerStartsAgainOnTheSameRestUrl() throws Exception {
        ConnectSettings settings = ConnectSettings.builder(kafka.bootstrapServers()).groupId("connect-restart-it").build();
        try (EmbeddedConnect connect = EmbeddedConnect.start(settings)) {
            var urlBefore = connect.restUrl();
            ConnectRestClient rest = connect.restClient();

            connect.stop();
            assertThat(connect.isRunning()).isFalse();
            assertThatThrownBy(() -> rest.connectors()).isInstanceOf(java.io.UncheckedIOException.class);

            connect.start();
            assertThat(connect.restUrl()).isEqualTo(urlBefore);
            assertThat(rest.connectors()).isEmpty();
        }
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(Set.of("connect-restart-it-configs", "connect-restart-it-offsets", "connect-restart-it-status"));
        }
    }

    @Test
    void aBusyRestPortIsRefusedWithoutEndingTheJvm() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("localhost"))) {
            ConnectSettings settings = ConnectSettings.builder(kafka.bootstrapServers())
                    .restPort(busy.getLocalPort()).groupId("connect-busy-it").build();

            assertThatThrownBy(() -> EmbeddedConnect.start(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("REST port " + busy.getLocalPort());
        }
    }
}
