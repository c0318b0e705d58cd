package io.flead.connect.timescale;

import io.flead.connect.timescale.core.ConfigRules;
import io.flead.connect.timescale.core.PostgresDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
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

    /**
     * Connect's {@code PATCH} and {@code DELETE /connectors/{name}/offsets} (the connector is stopped). Connect moves
     * the consumer group's offsets itself; with {@code exactly.once=true} the tasks resume from the offsets stored in
     * the database instead, so those are moved too, in one transaction: a partition's offset is set (a reset, null,
     * removes it, so the task falls back to the group's offset, which Connect resets).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            if (e.getValue() != null && e.getValue() < 0) {
                throw new ConnectException("Invalid offset " + e.getValue() + " for " + e.getKey() + ": must be 0 or more");
            }
        }
        TimescaleSinkConfig config = new TimescaleSinkConfig(connectorConfig);
        if (!config.exactlyOnce() || offsets.isEmpty()) {
            return true;
        }
        String connector = connectorConfig.getOrDefault("name", "timescale-sink");
        Database database = new Database(config.url(), config.user(), config.password(),
                new Database.Timeouts(10_000, 30_000, 30_000));
        try (Connection c = database.open()) {
            try (Statement create = c.createStatement();
                 PreparedStatement set = c.prepareStatement(PostgresDialect.setOffset());
                 PreparedStatement delete = c.prepareStatement(PostgresDialect.deleteOffset())) {
                create.execute(PostgresDialect.createOffsetsTable());
                for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
                    PreparedStatement ps = e.getValue() == null ? delete : set;
                    ps.setString(1, connector);
                    ps.setString(2, e.getKey().topic());
                    ps.setInt(3, e.getKey().partition());
                    if (e.getValue() != null) {
                        ps.setLong(4, e.getValue());
                    }
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                Database.abortQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new ConnectException("Cannot alter the offsets stored in '" + PostgresDialect.OFFSETS_TABLE + "' at '"
                    + database.maskedUrl() + "': " + database.mask(e.getMessage()), e);
        }
        return true;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
