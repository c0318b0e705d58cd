package io.flead.platform.connect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flead.embedded.ConnectResponse;
import io.flead.embedded.ConnectRestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The connector configs shipped in {@code connect-configs/*.json} ({@code {"name":…, "config":{…}}}). */
public final class ConnectorConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One connector file: its name and config (placeholders such as {@code ${env:…}} left for the worker). */
    public record ConnectorConfig(Path file, String name, Map<String, String> config) {
    }

    private ConnectorConfigs() {
    }

    /** Every {@code *.json} in {@code dir}, sorted by file name. */
    public static List<ConnectorConfig> load(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<ConnectorConfig> configs = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                configs.add(read(file));
            }
            return configs;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list connector configs in " + dir, e);
        }
    }

    static ConnectorConfig read(Path file) {
        try {
            Map<String, Object> doc = JSON.readValue(file.toFile(), new TypeReference<>() { });
            Object name = doc.get("name");
            Object config = doc.get("config");
            if (!(name instanceof String) || !(config instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": expected {\"name\": \"…\", \"config\": {…}}");
            }
            Map<String, String> values = new LinkedHashMap<>();
            map.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
            return new ConnectorConfig(file, (String) name, values);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read connector config " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * PUTs each config to {@code /connectors/{name}/config}; fails naming the file and Connect's answer. A connector
     * that already runs with exactly this config is left alone: a PUT restarts it, and a source connector restarted
     * while it still waits to read its offsets (after a worker was killed mid-transaction) does not stop in time and
     * is abandoned by the worker.
     */
    public static void apply(ConnectRestClient rest, List<ConnectorConfig> configs) {
        for (ConnectorConfig c : configs) {
            if (unchanged(rest, c)) {
                continue;
            }
            ConnectResponse response = rest.putConnectorConfig(c.name(), c.config());
            if (response.status() >= 300) {
                throw new IllegalStateException("Connect refused " + c.file().getFileName() + " (HTTP "
                    + response.status() + "): " + response.body());
            }
        }
    }

    private static boolean unchanged(ConnectRestClient rest, ConnectorConfig c) {
        try {
            Map<String, String> current = new java.util.HashMap<>(rest.connectorConfig(c.name()));
            Map<String, String> wanted = new java.util.HashMap<>(c.config());
            current.remove("name");
            wanted.remove("name");
            return current.equals(wanted);
        } catch (RuntimeException e) {
            return false; // no such connector yet, or asking failed (a rebalance): the PUT says what is wrong, if anything
        }
    }

    /** The consumer group of each sink connector (Connect's default, {@code connect-<name>}) and the topics it reads. */
    public static Map<String, List<String>> sinkGroups(List<ConnectorConfig> configs) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ConnectorConfig c : configs) {
            String topics = c.config().get("topics");
            if (topics != null && !topics.isBlank()) {
                groups.put("connect-" + c.name(), java.util.Arrays.stream(topics.split(",")).map(String::trim).toList());
            }
        }
        return groups;
    }
}
