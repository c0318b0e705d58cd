package io.flead.platform.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * The {@code env} config provider of the worker that {@code flead up} embeds: resolves {@code ${env:NAME}} from the
 * values {@code flead up} passes as provider parameters ({@code config.providers.env.param.NAME}), and from nothing
 * else: never this process's environment, whose variables any caller of Connect's REST API could read back through
 * validate. A JVM cannot change its own environment, so this is how the shipped connector configs, written for Kafka's
 * {@code EnvVarConfigProvider} limited by {@code allowlist.pattern} in docker-compose, run unchanged on the embedded
 * worker. The values are not secret; secrets come from the {@code secret} provider.
 */
public final class PlatformEnvConfigProvider implements ConfigProvider {
    private final Map<String, String> values = new HashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
        configs.forEach((k, v) -> values.put(k, String.valueOf(v)));
    }

    @Override
    public ConfigData get(String path) {
        return new ConfigData(Map.copyOf(values));
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> found = new HashMap<>();
        for (String key : keys) {
            if (values.containsKey(key)) {
                found.put(key, values.get(key));
            }
        }
        return new ConfigData(found);
    }

    @Override
    public void close() {
    }
}
