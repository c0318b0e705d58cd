package io.flead.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The security of FLEAD's Kafka clients ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}),
 * declared once: the functions' {@link FunctionConfig} and the REST API read the same keys from the same
 * {@code FLEAD_*} variables and hand the same client properties to every producer, consumer and admin client.
 */
public final class KafkaClientSecurity {
  public static final String SECURITY_PROTOCOL = "security.protocol";
  public static final String SASL_MECHANISM = "sasl.mechanism";
  public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";

  private KafkaClientSecurity() {
  }

  /** Declares the three keys in {@code group} of {@code def}, numbered after {@code order}; returns the last number. */
  public static int define(ConfigDef def, String group, int order) {
    def.define(SECURITY_PROTOCOL, Type.STRING, "PLAINTEXT",
        ValidString.in("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"), Importance.MEDIUM,
        "security.protocol of every Kafka client: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.",
        group, ++order, ConfigDef.Width.SHORT, SECURITY_PROTOCOL);
    def.define(SASL_MECHANISM, Type.STRING, "", Importance.MEDIUM,
        "sasl.mechanism of every Kafka client (for example SCRAM-SHA-512); empty leaves Kafka's default.",
        group, ++order, ConfigDef.Width.SHORT, SASL_MECHANISM);
    def.define(SASL_JAAS_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
        "sasl.jaas.config of every Kafka client (the login module line with user and password); empty means none.",
        group, ++order, ConfigDef.Width.LONG, SASL_JAAS_CONFIG);
    return order;
  }

  /**
   * The client properties of the keys {@link #define} declared in {@code config}, without the empty ones; the JAAS line
   * stays a {@link org.apache.kafka.common.config.types.Password}, which Kafka's clients take and never print.
   */
  public static Map<String, Object> properties(AbstractConfig config) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(SECURITY_PROTOCOL, config.getString(SECURITY_PROTOCOL));
    if (!config.getString(SASL_MECHANISM).isBlank()) {
      p.put(SASL_MECHANISM, config.getString(SASL_MECHANISM));
    }
    if (!config.getPassword(SASL_JAAS_CONFIG).value().isBlank()) {
      p.put(SASL_JAAS_CONFIG, config.getPassword(SASL_JAAS_CONFIG));
    }
    return p;
  }

  /**
   * The client properties set by {@code FLEAD_SECURITY_PROTOCOL}, {@code FLEAD_SASL_MECHANISM} and
   * {@code FLEAD_SASL_JAAS_CONFIG} in {@code env} (PLAINTEXT when none is set), validated as the functions validate
   * them: a bad value is refused naming its variable.
   *
   * @throws org.apache.kafka.common.config.ConfigException naming the variable and quoting the value
   */
  public static Map<String, Object> fromEnvironment(Map<String, String> env) {
    ConfigDef def = new ConfigDef();
    define(def, "Kafka", 0);
    Map<String, String> own = new LinkedHashMap<>();
    for (String key : def.names()) {
      String name = FunctionConfig.envName(key);
      if (env.containsKey(name)) {
        own.put(name, env.get(name));
      }
    }
    return properties(FunctionConfig.load(def, own, Map.of()));
  }
}
