package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** The Kafka client security read from FLEAD_* variables, as the REST API reads it beside the functions. */
class KafkaClientSecurityTest {
    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
        + "username=\"flead-api\" password=\"s3cret-pw\";";

    @Test
    void plaintextWhenNothingIsSet() {
        assertThat(KafkaClientSecurity.fromEnvironment(Map.of("FLEAD_JDBC_URL", "jdbc:postgresql://db/flead")))
            .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslSettingsBecomeClientPropertiesWithTheJaasLineHidden() {
        Map<String, Object> props = KafkaClientSecurity.fromEnvironment(Map.of("FLEAD_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
            "FLEAD_SASL_MECHANISM", "SCRAM-SHA-512", "FLEAD_SASL_JAAS_CONFIG", JAAS));
        assertThat(props).containsEntry("security.protocol", "SASL_PLAINTEXT")
            .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", new Password(JAAS));
        assertThat(props.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void aBadProtocolIsRefusedNamingItsVariable() {
        assertThatThrownBy(() -> KafkaClientSecurity.fromEnvironment(Map.of("FLEAD_SECURITY_PROTOCOL", "SASL")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("Invalid value 'SASL' for configuration 'security.protocol'")
            .hasMessageContaining("FLEAD_SECURITY_PROTOCOL");
    }

    @Test
    void theFunctionsGetTheSameProperties() {
        Map<String, String> env = Map.of("FLEAD_BOOTSTRAP_SERVERS", "kafka:9092", "FLEAD_SECURITY_PROTOCOL", "SASL_SSL",
            "FLEAD_SASL_MECHANISM", "SCRAM-SHA-512", "FLEAD_SASL_JAAS_CONFIG", JAAS);
        FunctionConfig function = FunctionConfig.load(FunctionConfig.baseDefinition("fedavg"), env, Map.of());
        assertThat(function.clientProperties()).containsAllEntriesOf(KafkaClientSecurity.fromEnvironment(env));
    }
}
