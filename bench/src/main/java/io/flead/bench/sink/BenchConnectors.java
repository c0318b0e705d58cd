package io.flead.bench.sink;

import java.util.LinkedHashMap;
import java.util.Map;

/** The connector configurations the sink benchmark times: ours (fast path, DESIGN or flat table) and Debezium's. */
final class BenchConnectors {
    private static final String OUR_SINK = "io.flead.connect.timescale.TimescaleSinkConnector";
    private static final String DEBEZIUM_SINK = "io.debezium.connector.jdbc.JdbcSinkConnector";

    private BenchConnectors() {
    }

    /**
     * Ours into the DESIGN table shape. On the schemaless topic it takes the sink's fast path (as shipped): it scans
     * the JSON bytes itself and passes the nested features object to jsonb unparsed.
     */
    static Map<String, String> ours(String table, String mode, String topic, BenchDb db, int batch) {
        boolean withSchema = topic.endsWith("-schema");
        Map<String, String> c = common(topic, withSchema);
        c.put("connector.class", OUR_SINK);
        c.put("connection.url", db.jdbcUrl());
        putPassword(c, db);
        c.put("topic.table.map", topic + ":" + table);
        c.put("table.key.map", table + ":device_id|seq|time");
        c.put("insert.mode", mode);
        c.put("batch.size", Integer.toString(batch));
        if (!withSchema) {
            c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        }
        return c;
    }

    /**
     * Ours in insert mode, on the fast path, flattening {@code features} into one column per feature named by its key,
     * into Debezium's flat table shape (time in the {@code ts} bigint column, as epoch milliseconds), with
     * {@code copyFormat} (binary by default in the benchmark).
     */
    static Map<String, String> oursFlat(String table, String topic, BenchDb db, int batch, String copyFormat) {
        Map<String, String> c = ours(table, "insert", topic, db, batch);
        c.put("table.key.map", table + ":device_id|seq|ts");
        c.put("time.column", "ts");
        c.put("flatten.fields", "features");
        c.put("flatten.column.format", "${key}");
        c.put("copy.format", copyFormat);
        return c;
    }

    static Map<String, String> debezium(String topic, String table, BenchDb db, int batch) {
        Map<String, String> c = common(topic, true);
        c.put("connector.class", DEBEZIUM_SINK);
        // pgjdbc rewrites Debezium's batched INSERTs into multi-row INSERTs: its best PostgreSQL setting
        c.put("connection.url", db.jdbcUrl("reWriteBatchedInserts=true"));
        c.put("connection.username", db.user());
        putPassword(c, db);
        c.put("insert.mode", "insert");
        c.put("primary.key.mode", "none");
        c.put("schema.evolution", "basic");
        c.put("collection.name.format", table);
        c.put("batch.size", Integer.toString(batch));
        return c;
    }

    /** A server that trusts local connections (TimescaleDB's kit) has no password to pass. */
    private static void putPassword(Map<String, String> c, BenchDb db) {
        if (db.password() != null) {
            c.put("connection.password", db.password());
        }
    }

    private static Map<String, String> common(String topic, boolean withSchema) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("tasks.max", "1");
        c.put("topics", topic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", Boolean.toString(withSchema));
        c.put("consumer.override.max.poll.records", "5000");
        c.put("consumer.override.fetch.max.bytes", "67108864");
        c.put("consumer.override.max.partition.fetch.bytes", "16777216");
        return c;
    }
}
