package io.flead.platform.up;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flead.embedded.ConnectResponse;
import io.flead.embedded.ConnectRestClient;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Connect's REST API asked with raw JSON, its answers read whole, as any caller of the API reads them. */
final class RawValidate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectRestClient rest;

    RawValidate(ConnectRestClient rest) {
        this.rest = rest;
    }

    /** {@code PUT /connector-plugins/{connector.class of config}/config/validate} with {@code config} as it is. */
    ConnectResponse validate(String connectorClass, Map<String, String> config) {
        return rest.send("PUT", "connector-plugins/" + URLEncoder.encode(connectorClass, StandardCharsets.UTF_8)
            + "/config/validate", json(config));
    }

    ConnectResponse send(String method, String path, Object body) {
        return rest.send(method, path, body == null ? null : json(body));
    }

    /** Every key a validate answer reports on: the connector's own and Connect's (converters, errors, overrides…). */
    static Set<String> keys(String answer) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode config : parse(answer).path("configs")) {
            if (config.path("definition").hasNonNull("name")) {
                keys.add(config.path("definition").path("name").asText());
            }
            if (config.path("value").hasNonNull("name")) {
                keys.add(config.path("value").path("name").asText());
            }
        }
        return keys;
    }

    /** The value a validate answer shows for {@code key} (resolved by the worker), or null. */
    static String value(String answer, String key) {
        for (JsonNode config : parse(answer).path("configs")) {
            if (key.equals(config.path("value").path("name").asText(null))) {
                JsonNode value = config.path("value").path("value");
                return value.isNull() ? null : value.asText();
            }
        }
        return null;
    }

    /** Every error message of a validate answer, by key. */
    static List<String> errors(String answer, String key) {
        List<String> errors = new ArrayList<>();
        for (JsonNode config : parse(answer).path("configs")) {
            if (key.equals(config.path("value").path("name").asText(null))) {
                config.path("value").path("errors").forEach(e -> errors.add(e.asText()));
            }
        }
        return errors;
    }

    private static JsonNode parse(String answer) {
        try {
            return JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
