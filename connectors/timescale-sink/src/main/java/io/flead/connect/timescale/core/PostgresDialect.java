package io.flead.connect.timescale.core;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Builds every SQL statement the sink runs, with identifiers validated and quoted; no database needed. */
public final class PostgresDialect {
    /** The table holding the last written Kafka offsets in exactly-once mode. */
    public static final String OFFSETS_TABLE = "flead_sink_offsets";

    private static final Pattern INTERVAL = Pattern.compile(
            "\\d{1,9}\\s*(microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?)",
            Pattern.CASE_INSENSITIVE);

    private PostgresDialect() {
    }

    /** Whether {@code text} is an interval this sink accepts, such as {@code 7 days} or {@code 12 hours}. */
    public static boolean isInterval(String text) {
        return text != null && INTERVAL.matcher(text.trim()).matches();
    }

    /** {@code CREATE TABLE IF NOT EXISTS} with the given columns. */
    public static String createTable(String table, List<Column> columns) {
        StringJoiner defs = new StringJoiner(", ", "CREATE TABLE IF NOT EXISTS " + Identifier.quote(table) + " (", ")");
        for (Column c : columns) {
            defs.add(columnDefinition(c));
        }
        return defs.toString();
    }

    private static String columnDefinition(Column c) {
        return Identifier.quote(c.name()) + " " + c.type().sql() + (c.notNull() ? " NOT NULL" : "");
    }

    /** {@code ALTER TABLE … ADD COLUMN IF NOT EXISTS} for one new (nullable) column. */
    public static String addColumn(String table, Column column) {
        return "ALTER TABLE " + Identifier.quote(table) + " ADD COLUMN IF NOT EXISTS " + columnDefinition(column);
    }

    /** A BRIN index on the time column, for plain tables. */
    public static String brinIndex(String table, String timeColumn) {
        return "CREATE INDEX IF NOT EXISTS " + Identifier.quote(Identifier.derived(table, timeColumn + "_brin"))
                + " ON " + Identifier.quote(table) + " USING BRIN (" + Identifier.quote(timeColumn) + ")";
    }

    /** The unique index on the natural key, the arbiter of {@code ON CONFLICT}. */
    public static String uniqueIndex(String table, List<String> keyColumns) {
        return "CREATE UNIQUE INDEX IF NOT EXISTS " + Identifier.quote(Identifier.derived(table, "key"))
                + " ON " + Identifier.quote(table) + " (" + columnList(keyColumns) + ")";
    }

    /** Turns the table into a TimescaleDB hypertable partitioned by range of its time column. */
    public static String createHypertable(String table, String timeColumn, String chunkInterval) {
        return "SELECT create_hypertable(" + regclass(table) + ", by_range(" + Identifier.literal(timeColumn)
                + ", " + interval(chunkInterval) + "), if_not_exists => TRUE)";
    }

    /** Sets the interval of the hypertable's future chunks. */
    public static String setChunkInterval(String table, String interval) {
        return "SELECT set_chunk_time_interval(" + regclass(table) + ", " + interval(interval) + ")";
    }

    /**
     * Enables TimescaleDB's columnstore (2.18+), chunks segmented by {@code segmentBy} (may be empty) and ordered by
     * time, newest first.
     */
    public static String enableColumnstore(String table, List<String> segmentBy, String timeColumn) {
        return "ALTER TABLE " + Identifier.quote(table) + " SET (timescaledb.enable_columnstore = true, "
                + "timescaledb.segmentby = " + Identifier.literal(columnList(segmentBy)) + ", timescaledb.orderby = "
                + Identifier.literal(Identifier.quote(timeColumn) + " DESC") + ")";
    }

    /** Moves chunks older than {@code after} to the columnstore. */
    public static String addColumnstorePolicy(String table, String after) {
        return "CALL add_columnstore_policy(" + regclass(table) + ", after => " + interval(after) + ", if_not_exists => TRUE)";
    }

    /** Removes the table's columnstore policy, if any. */
    public static String removeColumnstorePolicy(String table) {
        return "CALL remove_columnstore_policy(" + regclass(table) + ", if_exists => TRUE)";
    }

    /** Drops chunks older than {@code after}. */
    public static String addRetentionPolicy(String table, String after) {
        return "SELECT add_retention_policy(" + regclass(table) + ", drop_after => " + interval(after)
                + ", if_not_exists => TRUE)";
    }

    /** Removes the table's retention policy, if any. */
    public static String removeRetentionPolicy(String table) {
        return "SELECT remove_retention_policy(" + regclass(table) + ", if_exists => TRUE)";
    }

    /** Whether a table of the current schema is a hypertable (parameter: table name). */
    public static String selectIsHypertable() {
        return "SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_schema = current_schema() "
                + "AND hypertable_name = ?";
    }

    /**
     * The table's columnstore and retention policies, and whether each one's age equals the configured one
     * (parameters: the configured columnstore age or null, the configured retention or null, the table name).
     */
    public static String selectPolicies() {
        return "SELECT proc_name, CASE proc_name WHEN 'policy_compression' THEN "
                + "coalesce((config->>'compress_after')::interval = CAST(? AS interval), false) "
                + "ELSE coalesce((config->>'drop_after')::interval = CAST(? AS interval), false) END AS same "
                + "FROM timescaledb_information.jobs WHERE hypertable_schema = current_schema() AND hypertable_name = ? "
                + "AND proc_name IN ('policy_compression', 'policy_retention')";
    }

    /** The interval text this sink accepts, normalised as it is written into SQL. */
    public static String normalInterval(String text) {
        if (!isInterval(text)) {
            throw new IllegalArgumentException("Invalid interval '" + text + "': expected a number and a unit, e.g. '7 days'");
        }
        return text.trim().toLowerCase(Locale.ROOT);
    }

    /** {@code COPY table (columns) FROM STDIN} in the given format. */
    public static String copyIn(String table, List<Column> columns, CopyFormat format) {
        return "COPY " + Identifier.quote(table) + " (" + columnList(names(columns)) + ") FROM STDIN" + format.withClause();
    }

    /** {@code COPY table (columns) FROM STDIN} in PostgreSQL's binary format. */
    public static String copyInBinary(String table, List<Column> columns) {
        return "COPY " + Identifier.quote(table) + " (" + columnList(names(columns)) + ") FROM STDIN" + BinaryCopy.WITH_CLAUSE;
    }

    /** A transaction-scoped staging table shaped like {@code table}. */
    public static String createStage(String stage, String table) {
        return "CREATE TEMP TABLE " + Identifier.quote(stage) + " (LIKE " + Identifier.quote(table)
                + " INCLUDING DEFAULTS) ON COMMIT DROP";
    }

    /** Moves the staged rows into {@code table}, resolving natural-key conflicts with {@code action}. */
    public static String upsertFromStage(String table, String stage, List<Column> columns, List<String> keyColumns,
                                         ConflictAction action) {
        String cols = columnList(names(columns));
        String sql = "INSERT INTO " + Identifier.quote(table) + " (" + cols + ") SELECT " + cols + " FROM "
                + Identifier.quote(stage) + " ON CONFLICT (" + columnList(keyColumns) + ") DO ";
        StringJoiner updates = new StringJoiner(", ");
        for (Column c : columns) {
            if (!keyColumns.contains(c.name())) {
                String q = Identifier.quote(c.name());
                updates.add(q + " = EXCLUDED." + q);
            }
        }
        return action == ConflictAction.NOTHING || updates.length() == 0
                ? sql + "NOTHING" : sql + "UPDATE SET " + updates;
    }

    /** Creates the exactly-once offsets table. */
    public static String createOffsetsTable() {
        return "CREATE TABLE IF NOT EXISTS " + Identifier.quote(OFFSETS_TABLE) + " (\"connector\" text NOT NULL, "
                + "\"topic\" text NOT NULL, \"partition\" integer NOT NULL, \"next_offset\" bigint NOT NULL, "
                + "\"updated_at\" timestamptz NOT NULL DEFAULT now(), "
                + "PRIMARY KEY (\"connector\", \"topic\", \"partition\"))";
    }

    /** Records the next offset of a partition (parameters: connector, topic, partition, next offset); never moves back. */
    public static String upsertOffset() {
        String t = Identifier.quote(OFFSETS_TABLE);
        return "INSERT INTO " + t + " (\"connector\", \"topic\", \"partition\", \"next_offset\") VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (\"connector\", \"topic\", \"partition\") DO UPDATE SET \"next_offset\" = "
                + "GREATEST(" + t + ".\"next_offset\", EXCLUDED.\"next_offset\"), \"updated_at\" = now()";
    }

    /**
     * Sets the next offset of a partition to a value a user chose through Connect's offsets API (parameters:
     * connector, topic, partition, next offset): unlike {@link #upsertOffset()} it may move back, to replay.
     */
    public static String setOffset() {
        return "INSERT INTO " + Identifier.quote(OFFSETS_TABLE) + " (\"connector\", \"topic\", \"partition\", \"next_offset\") "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (\"connector\", \"topic\", \"partition\") DO UPDATE SET "
                + "\"next_offset\" = EXCLUDED.\"next_offset\", \"updated_at\" = now()";
    }

    /** Forgets the stored offset of a partition (parameters: connector, topic, partition): it restarts from the group's. */
    public static String deleteOffset() {
        return "DELETE FROM " + Identifier.quote(OFFSETS_TABLE) + " WHERE \"connector\" = ? AND \"topic\" = ? "
                + "AND \"partition\" = ?";
    }

    /** Reads the stored offsets of one connector (parameter: connector). */
    public static String selectOffsets() {
        return "SELECT \"topic\", \"partition\", \"next_offset\" FROM " + Identifier.quote(OFFSETS_TABLE)
                + " WHERE \"connector\" = ?";
    }

    /** Reads an existing table's columns (parameter: table name) in the current schema. */
    public static String selectColumns() {
        return "SELECT column_name, data_type, udt_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";
    }

    /** Bounds every statement of the session: PostgreSQL cancels one running longer (0: no bound). */
    public static String setStatementTimeout(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("statement timeout must not be negative: " + millis);
        }
        return "SET statement_timeout = " + millis;
    }

    /** Finds the installed TimescaleDB extension's version, if any. */
    public static String selectTimescaleVersion() {
        return "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'";
    }

    private static String regclass(String table) {
        return Identifier.literal(Identifier.quote(table));
    }

    private static String interval(String text) {
        return "INTERVAL " + Identifier.literal(normalInterval(text));
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    private static String columnList(List<String> names) {
        StringJoiner joiner = new StringJoiner(", ");
        names.forEach(n -> joiner.add(Identifier.quote(n)));
        return joiner.toString();
    }
}
