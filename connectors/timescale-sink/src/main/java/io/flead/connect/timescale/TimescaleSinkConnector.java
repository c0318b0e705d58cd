package io.flead.connect.timescale;

import io.flead.connect.timescale.core.ConfigRules;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Kafka Connect sink that lands topics in TimescaleDB/PostgreSQL tables with COPY. */
public final class TimescaleSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new TimescaleSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TimescaleSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        // the tasks hold the connections
    }

    @Override
    public ConfigDef config() {
        return TimescaleSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        config.configValues().forEach(v -> byName.put(v.name(), v));
        ConfigRules.check(connectorConfigs, TimescaleSinkConfig.defaults()).forEach((key, messages) -> {
            ConfigValue value = byName.computeIfAbsent(key, k -> {
                ConfigValue added = new ConfigValue(k);
                config.configValues().add(added);
                return added;
            });
            messages.forEach(value::addErrorMessage);
        });
        ConfigValue url = byName.get(TimescaleSinkConfig.CONNECTION_URL);
        if (url != null && url.errorMessages().isEmpty()) {
            checkReachable(url, byName);
        }
        return config;
    }

    private static void checkReachable(ConfigValue url, Map<String, ConfigValue> byName) {
        String user = (String) valueOf(byName.get(TimescaleSinkConfig.CONNECTION_USER));
        Object password = valueOf(byName.get(TimescaleSinkConfig.CONNECTION_PASSWORD));
        String pw = password instanceof Password p ? p.value() : (String) password;
        Database database = new Database((String) url.value(), user, pw, new Database.Timeouts(5_000, 5_000, 5_000));
        try (Connection ignored = database.open()) {
            // reachable and authenticated
        } catch (SQLException e) {
            url.addErrorMessage("Cannot connect to '" + database.maskedUrl() + "' given in '"
                    + TimescaleSinkConfig.CONNECTION_URL + "': " + database.mask(e.getMessage()));
        }
    }

    private static Object valueOf(ConfigValue value) {
        return value == null ? null : value.value();
    }

    @Override
    public String version() {
        return Version.get();
    }
}
