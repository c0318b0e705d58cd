package io.flead.connect.secrets;

import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/** Renders a {@link ConfigDef} as the Markdown configuration reference of the README. */
public final class ConfigReference {
    /** Marks the start of the generated section in the README. */
    public static final String BEGIN = "<!-- config-reference:begin (generated from SecretGuardConfig; do not edit) -->";
    /** Marks the end of the generated section in the README. */
    public static final String END = "<!-- config-reference:end -->";

    private ConfigReference() {
    }

    /** The reference table, one row per key, grouped and ordered as declared. */
    public static String markdown(ConfigDef def) {
        StringBuilder out = new StringBuilder();
        out.append(BEGIN).append("\n\n| key | type | default | valid values | importance | description |\n")
                .append("|---|---|---|---|---|---|\n");
        List<String> groups = def.groups();
        List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream()
                .sorted(Comparator.comparingInt((ConfigDef.ConfigKey k) -> groups.indexOf(k.group))
                        .thenComparingInt(k -> k.orderInGroup))
                .toList();
        for (ConfigDef.ConfigKey key : keys) {
            out.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                    .append(" | ").append(defaultOf(key))
                    .append(" | ").append(key.validator == null ? "" : escape(key.validator.toString()))
                    .append(" | ").append(key.importance.name().toLowerCase())
                    .append(" | ").append(escape(key.documentation)).append(" |\n");
        }
        return out.append('\n').append(END).toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String text = key.defaultValue instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(key.defaultValue);
        return text.isEmpty() ? "\"\"" : "`" + escape(text) + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
