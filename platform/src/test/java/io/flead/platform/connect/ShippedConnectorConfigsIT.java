package io.flead.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.ConfigValidation;
import io.flead.embedded.EmbeddedPostgres;
import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PluginDirs;
import io.flead.embedded.SecretFile;
import io.flead.platform.ProjectLayout;
import io.flead.platform.up.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file in connect-configs/ validates with zero errors on a real worker that loads the built plugins, with the
 * placeholders resolved the way {@code flead up} resolves them: {@code ${env:…}} from the values it passes,
 * {@code ${secret:db-password}} from its secrets directory, behind the connect-secrets guard.
 */
class ShippedConnectorConfigsIT {

    @TempDir
    Path work;

    @Test
    void everyShippedConfigValidatesWithoutErrors() throws Exception {
        Path root = ProjectLayout.root();
        Path data = Files.createDirectories(work.resolve("devices"));
        int pgPort = freePort();
        Map<String, String> env = Map.of("FLEAD_DATA_DIR", data.toString(), "FLEAD_SOURCE_TASKS", "2",
            "FLEAD_REPLAY_MODE", "rate", "FLEAD_REPLAY_RATE", "5000",
            "FLEAD_JDBC_URL", "jdbc:postgresql://localhost:" + pgPort + "/postgres",
            "FLEAD_DB_USER", "postgres", "FLEAD_REPLICATION_FACTOR", "1");
        // as flead up does: the stack's PostgreSQL password, copied as the connectors' secret before the worker starts
        Path secrets = Platform.secretsDir(work.resolve("stack"));
        SecretFile.write(secrets.resolve(Platform.DB_PASSWORD_SECRET),
            SecretFile.readOrCreate(EmbeddedPostgres.passwordFile(work.resolve("stack").resolve("postgres"))));
        EmbeddedStack.Builder builder = EmbeddedStack.builder(work.resolve("stack"))
            .pluginDir(PluginDirs.locate("csv-device-source", root))
            .pluginDir(PluginDirs.locate("timescale-sink", root))
            .pluginDir(PluginDirs.locate("connect-secrets", root))
            .withPostgres(true).postgresPort(pgPort)
            // as in flead up and docker-compose: the source config requires exactly-once support
            .exactlyOnceSource(true);
        Platform.providerSettings(env, secrets).forEach(builder::workerProperty);
        try (EmbeddedStack stack = builder.start()) {
            List<ConnectorConfigs.ConnectorConfig> configs = ConnectorConfigs.load(ProjectLayout.connectConfigs());
            assertThat(configs).extracting(ConnectorConfigs.ConnectorConfig::name)
                .containsExactly("csv-device-source", "timescale-alerts-sink", "timescale-sink");
            for (ConnectorConfigs.ConnectorConfig c : configs) {
                ConfigValidation result = stack.restClient().validate(c.config().get("connector.class"), c.config());
                assertThat(result.errorsByKey()).as(c.file().toString()).isEmpty();
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
