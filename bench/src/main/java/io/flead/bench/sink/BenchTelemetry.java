package io.flead.bench.sink;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Telemetry records for the sink benchmark, deterministic per index: the DESIGN shape (schemaless JSON with a
 * nested {@code features} object), the same values flattened as JSON with a Connect schema (what Debezium's sink
 * needs), and COPY text rows for the raw baseline.
 */
final class BenchTelemetry {
    static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    static final int DEVICES = 100;
    private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);
    private static final String[] ATTACKS = {"Normal", "DDoS_UDP", "DDoS_TCP", "Password", "XSS", "MITM"};

    private final String[] features;
    private final String schemaPrefix;

    BenchTelemetry(int featureCount) {
        features = new String[featureCount];
        for (int i = 0; i < featureCount; i++) {
            features[i] = "f" + (i < 9 ? "0" : "") + (i + 1);
        }
        schemaPrefix = "{\"schema\":" + schema() + ",\"payload\":";
    }

    String device(long i) {
        return "dev-" + (i % DEVICES);
    }

    long ts(long i) {
        return T0 + i;
    }

    private double feature(long i, int f) {
        long seed = i * 31 + f;
        return new SplittableRandom(seed).nextInt(0, 1_000_000) / 100.0;
    }

    private int label(long i) {
        return (int) (i % 10 == 0 ? 1 : 0);
    }

    private String attack(long i) {
        return label(i) == 1 ? ATTACKS[1 + (int) (i / 10 % (ATTACKS.length - 1))] : ATTACKS[0];
    }

    /** The DESIGN telemetry value, schemaless. */
    String designJson(long i) {
        StringBuilder s = new StringBuilder(700);
        s.append("{\"device_id\":\"").append(device(i)).append("\",\"ts\":").append(ts(i)).append(",\"seq\":").append(i)
                .append(",\"features\":{");
        for (int f = 0; f < features.length; f++) {
            s.append(f == 0 ? "" : ",").append('"').append(features[f]).append("\":").append(feature(i, f));
        }
        return s.append("},\"label\":").append(label(i)).append(",\"attack_type\":\"").append(attack(i)).append("\"}")
                .toString();
    }

    /** The same values flattened (one column per feature), as JSON with a Connect schema. */
    String schemaJson(long i) {
        StringBuilder s = new StringBuilder(schemaPrefix.length() + 700).append(schemaPrefix);
        s.append("{\"device_id\":\"").append(device(i)).append("\",\"ts\":").append(ts(i)).append(",\"seq\":").append(i);
        for (int f = 0; f < features.length; f++) {
            s.append(",\"").append(features[f]).append("\":").append(feature(i, f));
        }
        return s.append(",\"label\":").append(label(i)).append(",\"attack_type\":\"").append(attack(i)).append("\"}}")
                .toString();
    }

    private String schema() {
        StringBuilder s = new StringBuilder("{\"type\":\"struct\",\"name\":\"telemetry\",\"optional\":false,\"fields\":[")
                .append("{\"field\":\"device_id\",\"type\":\"string\",\"optional\":false},")
                .append("{\"field\":\"ts\",\"type\":\"int64\",\"optional\":false},")
                .append("{\"field\":\"seq\",\"type\":\"int64\",\"optional\":false}");
        for (String f : features) {
            s.append(",{\"field\":\"").append(f).append("\",\"type\":\"double\",\"optional\":false}");
        }
        return s.append(",{\"field\":\"label\",\"type\":\"int32\",\"optional\":true}")
                .append(",{\"field\":\"attack_type\",\"type\":\"string\",\"optional\":true}]}").toString();
    }

    /** One COPY text line of the DESIGN row: time, device_id, seq, features (jsonb), label, attack_type. */
    void appendCopyRow(StringBuilder s, long i) {
        PG_TIME.formatTo(Instant.ofEpochMilli(ts(i)), s);
        s.append('\t').append(device(i)).append('\t').append(i).append("\t{");
        for (int f = 0; f < features.length; f++) {
            s.append(f == 0 ? "" : ",").append('"').append(features[f]).append("\":").append(feature(i, f));
        }
        s.append("}\t").append(label(i)).append('\t').append(attack(i)).append('\n');
    }

    /** One COPY text line of the flattened row (the Debezium shape): ts (bigint), device_id, seq, f01.., label, attack_type. */
    void appendFlatCopyRow(StringBuilder s, long i) {
        s.append(ts(i)).append('\t').append(device(i)).append('\t').append(i);
        for (int f = 0; f < features.length; f++) {
            s.append('\t').append(feature(i, f));
        }
        s.append('\t').append(label(i)).append('\t').append(attack(i)).append('\n');
    }

    /** The column list of {@link #appendCopyRow} rows. */
    static String designColumns() {
        return "\"time\", \"device_id\", \"seq\", \"features\", \"label\", \"attack_type\"";
    }

    /** The column list of {@link #appendFlatCopyRow} rows. */
    String flatColumns() {
        StringBuilder s = new StringBuilder("\"ts\", \"device_id\", \"seq\"");
        for (String f : features) {
            s.append(", \"").append(f).append('"');
        }
        return s.append(", \"label\", \"attack_type\"").toString();
    }

    /** DDL of a DESIGN telemetry table as the sink creates it, plus a {@code written_at} column stamped per row. */
    static String designTable(String table) {
        return "CREATE TABLE \"" + table + "\" (\"time\" timestamptz NOT NULL, \"device_id\" text NOT NULL, "
                + "\"seq\" bigint NOT NULL, \"features\" jsonb, \"label\" bigint, \"attack_type\" text, "
                + "\"written_at\" timestamptz DEFAULT clock_timestamp())";
    }

    /** DDL of the flattened table (the Debezium shape), with {@code written_at}. */
    String flatTable(String table, String timeColumn, String timeType) {
        StringBuilder s = new StringBuilder("CREATE TABLE \"" + table + "\" (\"" + timeColumn + "\" " + timeType
                + " NOT NULL, \"device_id\" text NOT NULL, \"seq\" bigint NOT NULL");
        for (String f : features) {
            s.append(", \"").append(f).append("\" double precision");
        }
        return s.append(", \"label\" integer, \"attack_type\" text, \"written_at\" timestamptz DEFAULT clock_timestamp())")
                .toString();
    }

    /**
     * What the sink makes of a table on TimescaleDB, with its default chunk interval (7 days): a hypertable, with
     * TimescaleDB's default time index, and the natural-key unique index. An epoch-milliseconds time column
     * ({@code ts bigint}, Debezium's shape) is partitioned by 7 days of milliseconds.
     */
    static String[] hypertable(String table, String timeColumn, boolean epochMillis) {
        String interval = epochMillis ? Long.toString(7L * 24 * 3600 * 1000) : "INTERVAL '7 days'";
        return new String[] {
            "SELECT create_hypertable('\"" + table + "\"', by_range('" + timeColumn + "', " + interval + "))",
            "CREATE UNIQUE INDEX \"" + table + "_key\" ON \"" + table + "\" (\"device_id\", \"seq\", \"" + timeColumn + "\")"
        };
    }

    /** DDL of the DESIGN telemetry table exactly as the sink creates it (no {@code written_at}). */
    static String sinkTelemetryTable(String table) {
        return "CREATE TABLE \"" + table + "\" (\"time\" timestamptz NOT NULL, \"device_id\" text NOT NULL, "
                + "\"seq\" bigint NOT NULL, \"features\" jsonb, \"label\" bigint, \"attack_type\" text)";
    }

    /** The natural-key unique index and BRIN time index the sink gives a table. */
    static String[] indexes(String table, String timeColumn) {
        return new String[] {
            "CREATE UNIQUE INDEX \"" + table + "_key\" ON \"" + table + "\" (\"device_id\", \"seq\", \"" + timeColumn + "\")",
            "CREATE INDEX \"" + table + "_time_brin\" ON \"" + table + "\" USING BRIN (\"" + timeColumn + "\")"
        };
    }
}
