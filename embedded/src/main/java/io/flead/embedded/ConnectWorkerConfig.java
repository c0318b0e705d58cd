package io.flead.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns {@link ConnectSettings} into the properties of a distributed Connect worker. */
final class ConnectWorkerConfig {
    static final String REST_EXTENSIONS = "rest.extension.classes";
    static final String BASIC_AUTH_EXTENSION =
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";

    private ConnectWorkerConfig() {
    }

    static Map<String, String> properties(ConnectSettings settings) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", settings.bootstrapServers());
        props.put("group.id", settings.groupId());
        props.put("listeners", "http://localhost:" + settings.restPort());
        props.putAll(converters());
        props.putAll(internalTopics(settings.groupId()));
        props.putAll(fastRestart());
        props.put("offset.flush.interval.ms", "1000");
        props.put("plugin.discovery", "service_load");
        if (!settings.pluginPath().isEmpty()) {
            props.put("plugin.path", settings.pluginPath().stream()
                    .map(p -> p.toAbsolutePath().normalize().toString())
                    .collect(Collectors.joining(",")));
        }
        props.put("exactly.once.source.support", settings.exactlyOnceSource() ? "enabled" : "disabled");
        // no config providers unless the caller sets them: whatever a provider serves, any caller of the REST API
        // can read back through validate, so each worker declares only the ones it needs, restricted
        props.putAll(settings.overrides());
        if (settings.restLogin() != null) {
            // one key for every extension: the caller's (a second rest.extension.classes would replace it) and ours
            String others = props.get(REST_EXTENSIONS);
            props.put(REST_EXTENSIONS, others == null || others.isBlank() ? BASIC_AUTH_EXTENSION
                    : BASIC_AUTH_EXTENSION + "," + others);
        }
        return props;
    }

    /** String keys and schemaless JSON values, the FLEAD message contract. */
    private static Map<String, String> converters() {
        return Map.of(
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false",
                "key.converter.schemas.enable", "false");
    }

    private static Map<String, String> internalTopics(String groupId) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.partitions", "1");
        return props;
    }

    /**
     * A worker that died is noticed in seconds, not the default 10 s session plus 5 min rebalance delay; and so are
     * its sink tasks' consumers, which a restarted worker's sink tasks otherwise wait out (45 s by default) before
     * their group gives them partitions again.
     */
    private static Map<String, String> fastRestart() {
        return Map.of(
                "session.timeout.ms", "6000",
                "heartbeat.interval.ms", "1000",
                "scheduled.rebalance.max.delay.ms", "1000",
                "consumer.session.timeout.ms", "6000",
                "consumer.heartbeat.interval.ms", "1000");
    }
}
