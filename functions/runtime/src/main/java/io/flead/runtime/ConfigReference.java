package io.flead.runtime;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration reference of a function as a Markdown table (key, environment variable, type,
 * default, description), generated from its {@link ConfigDef} for the READMEs.
 */
public final class ConfigReference {

  private ConfigReference() {
  }

  public static String markdown(ConfigDef definition) {
    StringBuilder out = new StringBuilder("| key | environment variable | type | default | description |\n")
        .append("|---|---|---|---|---|\n");
    java.util.Collection<ConfigDef.ConfigKey> keys = definition.configKeys().values();
    for (ConfigDef.ConfigKey key : keys) {
      out.append("| `").append(key.name).append("` | `").append(FunctionConfig.envName(key.name)).append("` | ")
          .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
          .append(defaultText(key)).append(" | ").append(key.documentation.replace("|", "\\|")).append(" |\n");
    }
    return out.toString();
  }

  private static String defaultText(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    Object value = key.defaultValue instanceof Password password ? password.value() : key.defaultValue;
    if (value instanceof List<?> list) {
      value = list.size() > 4 ? list.size() + " names" : String.join(",", list.stream().map(String::valueOf).toList());
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "(empty)" : "`" + text + "`";
  }

  /** Prints the reference of the shared keys. */
  public static void main(String[] args) {
    System.out.print(markdown(FunctionConfig.baseDefinition("<function>")));
  }
}
