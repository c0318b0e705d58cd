package io.flead.connect.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretPlacementTest {
    private static final SecretPlacement DEFAULTS = new SecretGuardConfig(Map.of()).placement();

    /** The shipped timescale-sink config: every value from env, the password from the secret provider. */
    private static Map<String, String> shippedSink() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.flead.connect.timescale.TimescaleSinkConnector");
        c.put("topics", "anomalies,drift-alerts");
        c.put("connection.url", "${env:FLEAD_JDBC_URL}");
        c.put("connection.user", "${env:FLEAD_DB_USER}");
        c.put("connection.password", "${secret:db-password}");
        c.put("errors.deadletterqueue.topic.replication.factor", "${env:FLEAD_REPLICATION_FACTOR}");
        return c;
    }

    @Test
    void theShippedConfigsUseTheirSecretWhereItBelongs() {
        assertThat(DEFAULTS.problems(shippedSink())).isEmpty();
        assertThat(DEFAULTS.problems(Map.of("input.path", "${env:FLEAD_DATA_DIR}", "tasks.max", "${env:FLEAD_SOURCE_TASKS}")))
            .isEmpty();
    }

    @Test
    void aSecretInAnyOtherKeyIsRefusedNamingKeyAndPlaceholder() {
        Map<String, String> c = shippedSink();
        c.put("topics", "${secret:db-password}");
        c.put("connection.user", "x${file:/etc/flead/db.properties:password}y");
        Map<String, List<String>> problems = DEFAULTS.problems(c);
        assertThat(problems).containsOnlyKeys("topics", "connection.user");
        assertThat(problems.get("topics")).singleElement().asString()
            .isEqualTo("Invalid value '${secret:db-password}' for configuration 'topics': a secret (config provider "
                + "'secret') may only be used in 'connection.password'; config providers serving any key are 'env'");
        assertThat(problems.get("connection.user")).singleElement().asString()
            .startsWith("Invalid value '${file:/etc/flead/db.properties:password}' for configuration 'connection.user'");
    }

    @Test
    void everyProviderNotDeclaredPublicServesSecretsEvenAnUnknownOne() {
        assertThat(DEFAULTS.secretPlaceholders("${env:A}/${vault:kv/db:pw}/${ secret:x}/${topic}"))
            .containsExactly("${vault:kv/db:pw}", "${ secret:x}");
        assertThat(DEFAULTS.problems(Map.of("input.path", "${nosuch:x}"))).containsOnlyKeys("input.path");
    }

    @Test
    void aSecretGoesOnlyToADestinationTheOperatorSet() {
        Map<String, String> literal = shippedSink();
        literal.put("connection.url", "jdbc:postgresql://attacker.example:5432/x");
        assertThat(DEFAULTS.problems(literal)).containsOnlyKeys("connection.url");
        assertThat(DEFAULTS.problems(literal).get("connection.url")).singleElement().asString()
            .startsWith("Invalid value for configuration 'connection.url': a config that uses a secret in "
                + "'connection.password' must take 'connection.url' from a config provider serving any key ('env')")
            .doesNotContain("attacker");

        Map<String, String> extended = shippedSink();
        extended.put("connection.url", "${env:FLEAD_JDBC_URL}&socketFactory=x");
        assertThat(DEFAULTS.problems(extended)).containsOnlyKeys("connection.url");

        Map<String, String> missing = shippedSink();
        missing.remove("connection.url");
        assertThat(DEFAULTS.problems(missing)).containsOnlyKeys("connection.url");

        Map<String, String> fromSecret = shippedSink();
        fromSecret.put("connection.url", "${secret:db-url}");
        assertThat(DEFAULTS.problems(fromSecret)).containsOnlyKeys("connection.url");
    }

    @Test
    void withoutASecretAnyDestinationIsTheCallersOwnBusiness() {
        Map<String, String> own = new LinkedHashMap<>(Map.of("connection.url", "jdbc:postgresql://db.example/x",
            "connection.password", "their-own-password"));
        assertThat(DEFAULTS.problems(own)).isEmpty();
    }

    @Test
    void theWorkerChoosesProvidersAndKeys() {
        SecretPlacement custom = new SecretGuardConfig(Map.of(SecretGuardConfig.PUBLIC_PROVIDERS, "env,file",
            SecretGuardConfig.SECRET_KEYS, "connection.password,ssl.key.password",
            SecretGuardConfig.DESTINATION_KEYS, "")).placement();
        assertThat(custom.problems(Map.of("input.path", "${file:/x:y}", "ssl.key.password", "${secret:k}",
            "connection.url", "jdbc:postgresql://anywhere/x"))).isEmpty();
        assertThat(custom.problems(Map.of("topics", "${secret:k}"))).containsOnlyKeys("topics");
    }
}
