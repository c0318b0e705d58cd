package io.flead.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Reads the JSON bodies of Connect's REST API into FLEAD's small records. */
final class ConnectJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private ConnectJson() {
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Connect answered with invalid JSON: '" + abbreviate(body) + "'", e);
        }
    }

    /** Connect's error body is {@code {"error_code":…,"message":…}}; anything else is returned raw. */
    static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("message");
            return message.isTextual() ? message.asText() : abbreviate(body);
        } catch (JsonProcessingException | RuntimeException e) {
            return abbreviate(body);
        }
    }

    static String message(JsonNode node) {
        return node.path("message").asText("");
    }

    static ConnectorStatus status(JsonNode node) {
        JsonNode connector = node.path("connector");
        List<ConnectorStatus.TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : node.path("tasks")) {
            tasks.add(new ConnectorStatus.TaskStatus(task.path("id").asInt(), task.path("state").asText(),
                    task.path("worker_id").asText(), textOrNull(task.path("trace"))));
        }
        return new ConnectorStatus(node.path("name").asText(), connector.path("state").asText(),
                connector.path("worker_id").asText(), textOrNull(connector.path("trace")), tasks);
    }

    static ConfigValidation validation(String pluginClass, JsonNode node) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : node.path("configs")) {
            JsonNode value = config.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), List.copyOf(messages));
            }
        }
        return new ConfigValidation(pluginClass, node.path("error_count").asInt(), errors);
    }

    static List<PluginInfo> plugins(JsonNode node) {
        List<PluginInfo> plugins = new ArrayList<>();
        for (JsonNode plugin : node) {
            plugins.add(new PluginInfo(plugin.path("class").asText(), plugin.path("type").asText(),
                    plugin.path("version").asText()));
        }
        return plugins;
    }

    static List<ConnectorOffset> offsets(JsonNode node) {
        List<ConnectorOffset> offsets = new ArrayList<>();
        for (JsonNode entry : node.path("offsets")) {
            offsets.add(new ConnectorOffset(JSON.convertValue(entry.path("partition"), MAP),
                    entry.path("offset").isNull() ? null : JSON.convertValue(entry.path("offset"), MAP)));
        }
        return offsets;
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "…";
    }
}
