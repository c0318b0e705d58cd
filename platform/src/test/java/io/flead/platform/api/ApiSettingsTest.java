package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.platform.ProjectLayout;
import java.nio.file.Files;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.yaml.snakeyaml.Yaml;
import org.junit.jupiter.api.Test;

/** The standalone API's settings, as docker-compose's flead-api service gives them. */
class ApiSettingsTest {
    static final String TOKEN = "0123456789abcdef".repeat(4);

    @Test
    @SuppressWarnings("unchecked")
    void theComposeServiceEnvironmentIsAValidConfiguration() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ProjectLayout.root().resolve("docker-compose.yml")));
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("flead-api");
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        assertThat(env.get("FLEAD_API_TOKEN")).as("a required secret, from .env").startsWith("${FLEAD_API_TOKEN:?");
        env.replaceAll((k, v) -> v.startsWith("${" + k + ":?") ? TOKEN : v);
        // as Compose interpolates: ${NAME:-default} is the default here, ${NAME:?message} a value from .env
        env.replaceAll((k, v) -> v.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1").replaceAll("\\$\\{[A-Z_]+:\\?[^}]*}", "s3cret"));
        ApiSettings s = ApiSettings.fromEnvironment(env);
        assertThat(s.token().admits("Bearer " + TOKEN)).isTrue();
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(8088);
        assertThat(s.jdbcUrl()).startsWith("jdbc:postgresql://timescaledb:5432/");
        assertThat(s.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(s.connectUrl()).isEqualTo(URI.create("http://flead-admin:s3cret@connect:8083/"));
        assertThat(FunctionHealth.parseUrls(env.get("FLEAD_FUNCTION_HEALTH_URLS")))
            .containsOnlyKeys("local-train", "fedavg", "score", "drift-check")
            .containsEntry("fedavg", URI.create("http://fedavg:8080/health"));
    }

    @Test
    void defaultsToLocalhostAndNamesWhatIsMissingOrWrong() {
        ApiSettings s = ApiSettings.fromEnvironment(Map.of("FLEAD_JDBC_URL", "jdbc:postgresql://db/flead",
            "FLEAD_BOOTSTRAP_SERVERS", "localhost:9092", "FLEAD_API_TOKEN", TOKEN));
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(ApiSettings.DEFAULT_PORT);
        assertThat(s.toString()).doesNotContain(TOKEN);
        assertThatThrownBy(() -> ApiSettings.fromEnvironment(Map.of("FLEAD_BOOTSTRAP_SERVERS", "k:9092", "FLEAD_API_TOKEN", TOKEN)))
            .hasMessageContaining("FLEAD_JDBC_URL");
        assertThatThrownBy(() -> ApiSettings.fromEnvironment(Map.of("FLEAD_JDBC_URL", "j", "FLEAD_BOOTSTRAP_SERVERS", "k",
            "FLEAD_API_TOKEN", TOKEN, "FLEAD_API_PORT", "eighty"))).hasMessageContaining("'eighty'").hasMessageContaining("FLEAD_API_PORT");
        assertThatThrownBy(() -> ApiSettings.fromEnvironment(Map.of("FLEAD_JDBC_URL", "j", "FLEAD_BOOTSTRAP_SERVERS", "k")))
            .as("no API without a token").hasMessageContaining("FLEAD_API_TOKEN");
        assertThatThrownBy(() -> ApiSettings.fromEnvironment(Map.of("FLEAD_JDBC_URL", "j", "FLEAD_BOOTSTRAP_SERVERS", "k",
            "FLEAD_API_TOKEN", "changeme"))).hasMessageContaining("FLEAD_API_TOKEN").hasMessageNotContaining("changeme");
        assertThatThrownBy(() -> FunctionHealth.parseUrls("fedavg")).hasMessageContaining("'fedavg'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void underTheSaslOverlayItsKafkaClientsSignInAsTheFunctionsDo() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        for (String file : new String[] {"docker-compose.yml", "docker-compose.sasl.yml"}) {
            Map<String, Object> compose = new Yaml().load(Files.readString(ProjectLayout.root().resolve(file)));
            Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("flead-api");
            assertThat(service).as("flead-api in " + file).isNotNull();
            ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        env.replaceAll((k, v) -> v.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")
            .replaceAll("\\$\\{FLEAD_API_TOKEN:\\?[^}]*}", TOKEN).replaceAll("\\$\\{[A-Z_]+:\\?[^}]*}", "s3cret"));
        ApiSettings s = ApiSettings.fromEnvironment(env);
        Map<String, Object> client = s.kafkaClient();
        assertThat(client).containsEntry("bootstrap.servers", "kafka:9092")
            .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(((Password) client.get("sasl.jaas.config")).value())
            .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"flead-functions\" "
                + "password=\"s3cret\";");
        assertThat(ApiSettings.fromEnvironment(Map.of("FLEAD_JDBC_URL", "jdbc:postgresql://db/flead",
            "FLEAD_BOOTSTRAP_SERVERS", "localhost:9092", "FLEAD_API_TOKEN", TOKEN)).kafkaClient())
            .as("without the overlay").isEqualTo(Map.of("bootstrap.servers", "localhost:9092", "security.protocol", "PLAINTEXT"));
        assertThatThrownBy(() -> ApiSettings.fromEnvironment(Map.of("FLEAD_JDBC_URL", "j", "FLEAD_BOOTSTRAP_SERVERS", "k",
            "FLEAD_API_TOKEN", TOKEN, "FLEAD_SECURITY_PROTOCOL", "SCRAM"))).hasMessageContaining("'SCRAM'")
            .hasMessageContaining("FLEAD_SECURITY_PROTOCOL");
    }

    @Test
    void itsTextShowsNoPasswordNorToken() {
        ApiSettings s = ApiSettings.fromEnvironment(Map.of("FLEAD_JDBC_URL", "jdbc:postgresql://db:5432/flead",
            "FLEAD_DB_USER", "flead", "FLEAD_DB_PASSWORD", "db-Pa55word", "FLEAD_BOOTSTRAP_SERVERS", "kafka:9092",
            "FLEAD_CONNECT_URL", "http://flead-admin:connect-Pa55word@connect:8083/", "FLEAD_API_TOKEN", TOKEN,
            "FLEAD_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "FLEAD_SASL_MECHANISM", "SCRAM-SHA-512",
            "FLEAD_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"flead-functions\" password=\"kafka-Pa55word\";"));
        assertThat(s.dbPassword()).isEqualTo("db-Pa55word");
        assertThat(s.toString()).doesNotContain("db-Pa55word", "connect-Pa55word", "kafka-Pa55word", TOKEN)
            .contains("dbPassword=***", "connectUrl=http://flead-admin:***@connect:8083/", "dbUser=flead",
                "jdbcUrl=jdbc:postgresql://db:5432/flead", "security.protocol=SASL_PLAINTEXT");
    }
}
