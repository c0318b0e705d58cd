package io.flead.platform.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * The {@code env} config provider of the worker that {@code flead up} embeds: resolves {@code ${env:NAME}} from
 * values {@code flead up} passes as provider parameters ({@code config.providers.env.param.NAME}), then from the
 * process environment. A JVM cannot change its own environment, so this is how the shipped connector configs,
 * written for Kafka's {@code EnvVarConfigProvider} in docker-compose, run unchanged on the embedded worker.
 */
public final class PlatformEnvConfigProvider implements ConfigProvider {
    private final Map<String, String> values = new HashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
        configs.forEach((k, v) -> values.put(k, String.valueOf(v)));
    }

    @Override
    public ConfigData get(String path) {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(values);
        return new ConfigData(all);
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> found = new HashMap<>();
        for (String key : keys) {
            String value = values.containsKey(key) ? values.get(key) : System.getenv(key);
            if (value != null) {
                found.put(key, value);
            }
        }
        return new ConfigData(found);
    }

    @Override
    public void close() {
    }
}
