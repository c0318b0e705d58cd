package io.flead.connect.timescale;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PostgresServer;
import io.flead.embedded.TimescaleDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test helpers around an embedded stack and the database the sink writes to (the stack's PostgreSQL 17, or a database
 * of its own on a real TimescaleDB): producing JSON records, querying the database, reading topics.
 */
final class SinkFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONNECTOR_CLASS = TimescaleSinkConnector.class.getName();

    final EmbeddedStack stack;
    final KafkaProducer<String, String> producer;
    /** The server the sink writes to. */
    final PostgresServer database;
    /** The JDBC URL of the database the sink writes to by default (without password). */
    final String url;
    /** The temporary directory of a stack this fixture started and owns, else null. */
    private final java.nio.file.Path ownedDir;

    SinkFixture(EmbeddedStack stack) {
        this(stack, stack.postgres(), stack.postgres().jdbcUrl(), null);
    }

    private SinkFixture(EmbeddedStack stack, PostgresServer database, String url, java.nio.file.Path ownedDir) {
        this.stack = stack;
        this.database = database;
        this.url = url;
        this.ownedDir = ownedDir;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(props);
    }

    /**
     * A stack of its own (KRaft broker, Connect worker loading the plugin, PostgreSQL) in a new temporary directory,
     * which {@link #close} stops and deletes.
     */
    static SinkFixture withOwnStack(String prefix) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(prefix);
        EmbeddedStack stack = EmbeddedStack.builder(dir).pluginDir(io.flead.embedded.PluginDirs.locate("timescale-sink"))
            .withPostgres(true).start();
        return new SinkFixture(stack, stack.postgres(), stack.postgres().jdbcUrl(), dir);
    }

    /**
     * A stack of its own (KRaft broker, Connect worker loading the plugin) writing to a database of its own, named
     * after {@code prefix}, on {@code timescale} (shared by the test JVM); {@link #close} stops and deletes the stack.
     */
    static SinkFixture withOwnStack(String prefix, TimescaleDb timescale) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(prefix);
        EmbeddedStack stack = EmbeddedStack.builder(dir).pluginDir(io.flead.embedded.PluginDirs.locate("timescale-sink"))
            .start();
        return new SinkFixture(stack, timescale, timescale.createDatabase(prefix.replace('-', '_')), dir);
    }

    /** Whether the sink writes to a TimescaleDB (hypertables) rather than plain PostgreSQL. */
    boolean timescale() {
        return database instanceof TimescaleDb;
    }

    /** The temporary directory of the stack {@link #withOwnStack} started. */
    java.nio.file.Path workDir() {
        return ownedDir;
    }

    /** A sink config for {@code topics} with short batches, on the stack's PostgreSQL. */
    Map<String, String> sinkConfig(String topics, String... kv) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topics);
        config.put("connection.url", url);
        if (database.password() != null) {
            config.put("connection.password", database.password());
        }
        config.put("batch.linger.ms", "100");
        config.put("retry.backoff.ms", "500"); // max.retries stays at its default: retry for ever
        for (int i = 0; i < kv.length; i += 2) {
            config.put(kv[i], kv[i + 1]);
        }
        return config;
    }

    void startSink(String name, Map<String, String> config) {
        stack.restClient().putConnectorConfigOrThrow(name, config);
        stack.restClient().awaitRunning(name, Integer.parseInt(config.getOrDefault("tasks.max", "1")), Duration.ofSeconds(60));
    }

    void send(String topic, String key, Object value) {
        try {
            String json = value instanceof String s ? s : JSON.writeValueAsString(value);
            producer.send(new ProducerRecord<>(topic, key, json)).get();
        } catch (Exception e) {
            throw new AssertionError("Cannot produce to " + topic, e);
        }
    }

    void sendAsync(String topic, String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(value)));
        } catch (Exception e) {
            throw new AssertionError("Cannot produce to " + topic, e);
        }
    }

    /** A telemetry record in the DESIGN shape. */
    static Map<String, Object> telemetry(String device, long seq, long ts) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("device_id", device);
        v.put("ts", ts);
        v.put("seq", seq);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("tcp.len", seq % 100 * 1.5);
        features.put("mqtt.len", seq % 7);
        v.put("features", features);
        v.put("label", seq % 2);
        v.put("attack_type", seq % 2 == 0 ? "Normal" : "DDoS_UDP");
        return v;
    }

    /** {@link #telemetry} as JSON text. */
    static String telemetryJson(String device, long seq, long ts) {
        try {
            return JSON.writeValueAsString(telemetry(device, seq, ts));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    Connection db() throws SQLException {
        return database.connect(url);
    }

    long count(String sql) {
        return count(url, sql);
    }

    /** {@link #count(String)} on the database of {@code jdbcUrl}. */
    long count(String jdbcUrl, String sql) {
        try (Connection c = database.connect(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return -1; // table not created yet
            }
            throw new AssertionError(sql, e);
        }
    }

    void execute(String sql) {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    List<Map<String, Object>> query(String sql) {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    /** Column name to {@code data_type} of a table. */
    Map<String, String> columnTypes(String table) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map<String, Object> row : query("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_name = '" + table.replace("'", "''") + "' ORDER BY ordinal_position")) {
            types.put((String) row.get("column_name"), (String) row.get("data_type"));
        }
        return types;
    }

    /** The sum of committed offsets of a sink connector's consumer group. */
    long committedOffsets(String connector) {
        try (Admin admin = stack.kafka().admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connector)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every record of a topic (all partitions), read from the beginning until {@code expected} arrived. */
    List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                try {
                    consumer.partitionsFor(topic, Duration.ofSeconds(5))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // not created yet
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        producer.close();
        if (ownedDir != null) {
            stack.close();
            try (var paths = java.nio.file.Files.walk(ownedDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
