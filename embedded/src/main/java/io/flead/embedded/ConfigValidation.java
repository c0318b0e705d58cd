package io.flead.embedded;

import java.util.List;
import java.util.Map;

/** The answer of {@code PUT /connector-plugins/{type}/config/validate}: error count and messages per key. */
public record ConfigValidation(String pluginClass, int errorCount, Map<String, List<String>> errorsByKey) {

    public ConfigValidation {
        errorsByKey = Map.copyOf(errorsByKey);
    }

    /** The messages Connect reported for one key; empty when the key is valid. */
    public List<String> errors(String key) {
        return errorsByKey.getOrDefault(key, List.of());
    }

    public boolean isValid() {
        return errorCount == 0;
    }
}
