package io.flead.connect.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigTransformer;

/**
 * Where a connector config may use a secret. Connect resolves config providers before it validates, and its validate
 * answer and error messages show the resolved values of every key not declared {@code PASSWORD}; so a secret may stand
 * only in the keys meant for it, and only when the keys saying where it goes hold values the operator set.
 *
 * @param publicProviders providers serving no secrets ({@code env}, limited to non-secret names)
 * @param secretKeys      the keys where a secret placeholder is accepted
 * @param destinationKeys the keys that, when a secret is used, must be a single placeholder of a public provider
 */
public record SecretPlacement(List<String> publicProviders, List<String> secretKeys, List<String> destinationKeys) {
    /** The placeholder syntax the worker resolves: {@code ${provider:[path:]key}}. */
    private static final Pattern PLACEHOLDER = ConfigTransformer.DEFAULT_PATTERN;

    public SecretPlacement {
        publicProviders = List.copyOf(publicProviders);
        secretKeys = List.copyOf(secretKeys);
        destinationKeys = List.copyOf(destinationKeys);
    }

    /** The problems of {@code config} (raw, placeholders unresolved) by key; empty when secrets stay where they may. */
    public Map<String, List<String>> problems(Map<String, String> config) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        boolean usesSecret = false;
        for (Map.Entry<String, String> entry : config.entrySet()) {
            for (String placeholder : secretPlaceholders(entry.getValue())) {
                if (secretKeys.contains(entry.getKey())) {
                    usesSecret = true;
                } else {
                    add(problems, entry.getKey(), "Invalid value '" + placeholder + "' for configuration '" + entry.getKey()
                            + "': a secret (config provider '" + provider(placeholder) + "') may only be used in "
                            + quoted(secretKeys) + "; config providers serving any key are " + quoted(publicProviders));
                }
            }
        }
        if (usesSecret) {
            for (String key : destinationKeys) {
                if (!isPublicPlaceholder(config.get(key))) {
                    add(problems, key, "Invalid value for configuration '" + key + "': a config that uses a secret in "
                            + quoted(secretKeys) + " must take '" + key + "' from a config provider serving any key ("
                            + quoted(publicProviders) + "), as one placeholder such as ${env:FLEAD_JDBC_URL}: a "
                            + "secret goes only where the worker's operator said");
                }
            }
        }
        return problems;
    }

    /** The placeholders in {@code value} whose provider is not public, in order. */
    List<String> secretPlaceholders(String value) {
        List<String> found = new ArrayList<>();
        if (value == null) {
            return found;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            if (!publicProviders.contains(m.group(1))) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** Whether {@code value} is exactly one placeholder of a public provider. */
    boolean isPublicPlaceholder(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = PLACEHOLDER.matcher(value.trim());
        return m.matches() && publicProviders.contains(m.group(1));
    }

    private static String provider(String placeholder) {
        Matcher m = PLACEHOLDER.matcher(placeholder);
        return m.matches() ? m.group(1) : "?";
    }

    private static String quoted(List<String> names) {
        return names.isEmpty() ? "none" : "'" + String.join("', '", names) + "'";
    }

    private static void add(Map<String, List<String>> problems, String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}
