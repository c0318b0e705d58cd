package io.flead.connect.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connector config a Connect REST request carries, as the worker will resolve it: validate
 * ({@code PUT /connector-plugins/{type}/config/validate}), create ({@code POST /connectors}), replace
 * ({@code PUT /connectors/{name}/config}) and patch ({@code PATCH /connectors/{name}/config}, merged with the current
 * config). Other requests carry none.
 */
final class ConfigRequest {

    private ConfigRequest() {
    }

    /**
     * @param method   the HTTP method
     * @param segments the decoded path segments as the worker matches them (matrix parameters dropped, empty ones too)
     * @param body     the JSON body as parsed (a map for the requests above)
     * @param current  the current config of a connector by name, empty when there is none
     * @return the config to check, or empty when the request carries none
     */
    static Optional<Map<String, String>> configOf(String method, List<String> segments, Object body,
                                                  Function<String, Map<String, String>> current) {
        if (!(body instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        if ("PUT".equals(method) && segments.size() == 4 && segments.get(0).equals("connector-plugins")
                && segments.get(2).equals("config") && segments.get(3).equals("validate")) {
            return Optional.of(strings(map));
        }
        if ("POST".equals(method) && segments.equals(List.of("connectors"))) {
            return map.get("config") instanceof Map<?, ?> config ? Optional.of(strings(config)) : Optional.empty();
        }
        if (segments.size() == 3 && segments.get(0).equals("connectors") && segments.get(2).equals("config")) {
            if ("PUT".equals(method)) {
                return Optional.of(strings(map));
            }
            if ("PATCH".equals(method)) {
                return Optional.of(patched(current.apply(segments.get(1)), map));
            }
        }
        return Optional.empty();
    }

    /** {@code current} with {@code patch} applied as Connect applies it: a null value removes the key. */
    static Map<String, String> patched(Map<String, String> current, Map<?, ?> patch) {
        Map<String, String> result = new LinkedHashMap<>(current);
        patch.forEach((k, v) -> {
            if (v == null) {
                result.remove(String.valueOf(k));
            } else {
                result.put(String.valueOf(k), String.valueOf(v));
            }
        });
        return result;
    }

    private static Map<String, String> strings(Map<?, ?> map) {
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                result.put(String.valueOf(k), String.valueOf(v));
            }
        });
        return result;
    }
}
