package io.flead.connect.timescale;

import io.flead.connect.timescale.core.ConfigRules;
import io.flead.connect.timescale.core.ConflictAction;
import io.flead.connect.timescale.core.CopyFormat;
import io.flead.connect.timescale.core.Flattening;
import io.flead.connect.timescale.core.HypertableSettings;
import io.flead.connect.timescale.core.RetryPolicy;
import io.flead.connect.timescale.core.TableRouter;
import io.flead.connect.timescale.core.TableTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** Every setting of the TimescaleDB sink, declared once, with typed accessors for the task. */
public final class TimescaleSinkConfig extends AbstractConfig {
    public static final String CONNECTION_URL = ConfigRules.URL;
    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String CONNECTION_TIMEOUT_MS = "connection.timeout.ms";
    public static final String SOCKET_TIMEOUT_MS = ConfigRules.SOCKET_TIMEOUT_MS;
    public static final String STATEMENT_TIMEOUT_MS = ConfigRules.STATEMENT_TIMEOUT_MS;
    public static final String TABLE_NAME_FORMAT = ConfigRules.TABLE_NAME_FORMAT;
    public static final String TOPIC_TABLE_MAP = ConfigRules.TOPIC_TABLE_MAP;
    public static final String TABLE_KEY_MAP = ConfigRules.TABLE_KEY_MAP;
    public static final String PK_FIELDS = ConfigRules.PK_FIELDS;
    public static final String TIME_FIELD = ConfigRules.TIME_FIELD;
    public static final String TABLE_TIME_FIELD_MAP = ConfigRules.TABLE_TIME_FIELD_MAP;
    public static final String TIME_COLUMN = ConfigRules.TIME_COLUMN;
    public static final String INSERT_MODE = ConfigRules.INSERT_MODE;
    public static final String UPSERT_CONFLICT_ACTION = "upsert.conflict.action";
    public static final String AUTO_CREATE = "auto.create";
    public static final String AUTO_EVOLVE = "auto.evolve";
    public static final String AUTO_EVOLVE_MAX_COLUMNS = "auto.evolve.max.columns";
    public static final String BATCH_SIZE = "batch.size";
    public static final String BATCH_LINGER_MS = "batch.linger.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = ConfigRules.RETRY_BACKOFF_MS;
    public static final String RETRY_BACKOFF_MAX_MS = ConfigRules.RETRY_BACKOFF_MAX_MS;
    public static final String COPY_FORMAT = "copy.format";
    public static final String NUMBER_ARRAY_MODE = "number.array.mode";
    public static final String FLATTEN_FIELDS = ConfigRules.FLATTEN_FIELDS;
    public static final String FLATTEN_COLUMN_FORMAT = ConfigRules.FLATTEN_COLUMN_FORMAT;
    public static final String CHUNK_INTERVAL = ConfigRules.CHUNK_INTERVAL;
    public static final String COMPRESS_AFTER = ConfigRules.COMPRESS_AFTER;
    public static final String COMPRESS_SEGMENTBY = ConfigRules.COMPRESS_SEGMENTBY;
    public static final String RETENTION = ConfigRules.RETENTION;
    public static final String CHUNK_INTERVAL_MAP = ConfigRules.CHUNK_INTERVAL_MAP;
    public static final String COMPRESS_AFTER_MAP = ConfigRules.COMPRESS_AFTER_MAP;
    public static final String COMPRESS_SEGMENTBY_MAP = ConfigRules.COMPRESS_SEGMENTBY_MAP;
    public static final String RETENTION_MAP = ConfigRules.RETENTION_MAP;
    public static final String EXACTLY_ONCE = "exactly.once";

    private static final String CONNECTION = "Connection";
    private static final String MAPPING = "Mapping";
    private static final String WRITES = "Writes";
    private static final String TIMESCALE = "TimescaleDB";

    /** The definition of every key, rendered into the README's reference. */
    public static final ConfigDef CONFIG_DEF = define();

    public TimescaleSinkConfig(Map<String, String> props) {
        // not logged by AbstractConfig: connection.url may carry credentials; the task logs it masked
        super(CONFIG_DEF, props, false);
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef();
        defineConnection(def);
        defineMapping(def);
        defineWrites(def);
        defineTimescale(def);
        return def;
    }

    private static void defineConnection(ConfigDef def) {
        int o = 0;
        def.define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/flead; credentials in it are masked in logs.",
                CONNECTION, ++o, Width.LONG, "JDBC URL");
        def.define(CONNECTION_USER, Type.STRING, null, Importance.HIGH,
                "Database user (may also be given in the URL).", CONNECTION, ++o, Width.MEDIUM, "User");
        def.define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                "Database password, shown as [hidden] by Connect; on a shared worker, a config provider placeholder "
                        + "that serves secrets only here, e.g. ${secret:db-password} (see connect-secrets).",
                CONNECTION, ++o, Width.MEDIUM, "Password");
        def.define(CONNECTION_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                "Longest wait to open a connection and log in (the driver counts whole seconds, rounded up); a server "
                        + "that does not answer in time counts as a transient failure.",
                CONNECTION, ++o, Width.SHORT, "Connection timeout");
        def.define(SOCKET_TIMEOUT_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                "Longest wait for the server to answer, or for a batch being written to make progress, before the "
                        + "connection is dropped and the batch retried, so a hung server cannot block the task "
                        + "(whole seconds, rounded up); must exceed statement.timeout.ms.",
                CONNECTION, ++o, Width.SHORT, "Socket timeout");
        def.define(STATEMENT_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "PostgreSQL's statement_timeout for the sink's sessions: a statement running longer (a lock wait, an "
                        + "overloaded server) is cancelled and its batch retried; 0 for none.",
                CONNECTION, ++o, Width.SHORT, "Statement timeout");
    }

    private static void defineMapping(ConfigDef def) {
        int o = 0;
        def.define(TABLE_NAME_FORMAT, Type.STRING, "${topic}", Importance.MEDIUM,
                "Table name for topics not in topic.table.map; ${topic} is replaced by the topic name.",
                MAPPING, ++o, Width.MEDIUM, "Table name format");
        def.define(TOPIC_TABLE_MAP, Type.LIST, ConfigRules.DEFAULT_TOPIC_TABLES, Importance.MEDIUM,
                "Per-topic table overrides as topic:table entries; the default maps the five FLEAD topics.",
                MAPPING, ++o, Width.LONG, "Topic to table");
        def.define(TABLE_KEY_MAP, Type.LIST, ConfigRules.DEFAULT_TABLE_KEYS, Importance.MEDIUM,
                "Natural unique key per table as table:col1|col2 entries; the default gives the FLEAD tables' keys.",
                MAPPING, ++o, Width.LONG, "Natural keys");
        def.define(PK_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Natural key columns of tables not in table.key.map (empty: no key, rows are only appended).",
                MAPPING, ++o, Width.LONG, "Default natural key");
        def.define(TIME_FIELD, Type.STRING, "ts", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Value field holding the record time (epoch milliseconds or ISO-8601 text).",
                MAPPING, ++o, Width.SHORT, "Time field");
        def.define(TABLE_TIME_FIELD_MAP, Type.LIST, "", Importance.LOW,
                "Per-table time field overrides as table:field entries.", MAPPING, ++o, Width.LONG, "Time field per table");
        def.define(TIME_COLUMN, Type.STRING, "time", new ConfigDef.NonEmptyString(), Importance.LOW,
                "Name of the timestamptz column the time field lands in.", MAPPING, ++o, Width.SHORT, "Time column");
        def.define(NUMBER_ARRAY_MODE, Type.STRING, "jsonb", ConfigDef.CaseInsensitiveValidString.in("jsonb", "double_array"),
                Importance.LOW, "How arrays of numbers are stored: jsonb, or double_array for double precision[].",
                MAPPING, ++o, Width.SHORT, "Number arrays");
        def.define(FLATTEN_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Top-level fields whose nested object is flattened into one double precision column per key instead of "
                        + "one jsonb column; its values must be numbers or null, anything else makes the record a bad record.",
                MAPPING, ++o, Width.LONG, "Flattened fields");
        def.define(FLATTEN_COLUMN_FORMAT, Type.STRING, Flattening.DEFAULT_COLUMN_FORMAT, new ConfigDef.NonEmptyString(),
                Importance.LOW, "Column name of a flattened key: ${field} and ${key} are replaced, so the default gives "
                        + "features.tcp.len as Kafka's Flatten transform does, and ${key} alone gives tcp.len.",
                MAPPING, ++o, Width.MEDIUM, "Flattened column name");
    }

    private static void defineWrites(ConfigDef def) {
        int o = 0;
        def.define(INSERT_MODE, Type.STRING, "insert", ConfigDef.CaseInsensitiveValidString.in("insert", "upsert"),
                Importance.HIGH, "insert: COPY straight into the table (a natural-key clash from redelivery falls back "
                        + "to ON CONFLICT DO NOTHING); upsert: COPY into a temporary table, then INSERT ... ON CONFLICT.",
                WRITES, ++o, Width.SHORT, "Insert mode");
        def.define(UPSERT_CONFLICT_ACTION, Type.STRING, "update", ConfigDef.CaseInsensitiveValidString.in("update", "nothing"),
                Importance.MEDIUM, "In upsert mode, what a natural-key conflict does: update the row or do nothing.",
                WRITES, ++o, Width.SHORT, "Conflict action");
        def.define(AUTO_CREATE, Type.BOOLEAN, true, Importance.MEDIUM,
                "Create missing tables, inferring column types from the first batch.", WRITES, ++o, Width.SHORT, "Auto create");
        def.define(AUTO_EVOLVE, Type.BOOLEAN, true, Importance.MEDIUM,
                "Add columns for new fields; when false, fields without a column are ignored.",
                WRITES, ++o, Width.SHORT, "Auto evolve");
        def.define(AUTO_EVOLVE_MAX_COLUMNS, Type.INT, 500, ConfigDef.Range.between(1, 1_600), Importance.LOW,
                "Most columns auto.create and auto.evolve give a table: a record whose new fields would need more goes "
                        + "to the dead-letter queue, so runaway field names cannot reach PostgreSQL's 1,600-column limit.",
                WRITES, ++o, Width.SHORT, "Max columns");
        def.define(BATCH_SIZE, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "Records buffered before a batch is written in one transaction.", WRITES, ++o, Width.SHORT, "Batch size");
        def.define(BATCH_LINGER_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "Longest time a buffered record waits for its batch to fill before it is written.",
                WRITES, ++o, Width.SHORT, "Batch linger");
        def.define(MAX_RETRIES, Type.INT, RetryPolicy.FOREVER, ConfigDef.Range.atLeast(RetryPolicy.FOREVER),
                Importance.MEDIUM, "Consecutive transient failures (database down, hung or restarting) tolerated before "
                        + "the task fails; -1 retries for ever, so an outage of any length is ridden out.",
                WRITES, ++o, Width.SHORT, "Max retries");
        def.define(RETRY_BACKOFF_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "Pause after the first transient failure before reconnecting and retrying; it doubles with each "
                        + "further failure in a row, up to retry.backoff.max.ms.", WRITES, ++o, Width.SHORT, "Retry backoff");
        def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "Longest pause between retries; at least retry.backoff.ms.", WRITES, ++o, Width.SHORT, "Max retry backoff");
        def.define(COPY_FORMAT, Type.STRING, "text", ConfigDef.CaseInsensitiveValidString.in("text", "csv", "binary"),
                Importance.LOW, "COPY data format: text, csv, or binary (PostgreSQL's binary format, so the database parses "
                        + "no number or time text; used for batches whose every column is bigint, integer, smallint, double "
                        + "precision, text, varchar, boolean, timestamptz or jsonb and whose every value fits its column "
                        + "exactly, other batches go as text).", WRITES, ++o, Width.SHORT, "COPY format");
        def.define(EXACTLY_ONCE, Type.BOOLEAN, false, Importance.MEDIUM,
                "Store Kafka offsets in the flead_sink_offsets table in the same transaction as the rows, and resume from them.",
                WRITES, ++o, Width.SHORT, "Exactly once");
    }

    private static void defineTimescale(ConfigDef def) {
        int o = 0;
        def.define(CHUNK_INTERVAL, Type.STRING, "7 days", Importance.LOW,
                "Hypertable chunk interval, when the timescaledb extension is present; applied to new chunks when the "
                        + "sink starts.", TIMESCALE, ++o, Width.SHORT, "Chunk interval");
        def.define(CHUNK_INTERVAL_MAP, Type.LIST, "", Importance.LOW,
                "Per-table chunk intervals as table:interval entries, e.g. telemetry:1 day.",
                TIMESCALE, ++o, Width.LONG, "Chunk interval per table");
        def.define(COMPRESS_AFTER, Type.STRING, "", Importance.LOW,
                "Move hypertable chunks older than this interval to the columnstore (TimescaleDB 2.18+ columnstore, "
                        + "segmented as below, ordered by time newest first); empty: no columnstore policy.",
                TIMESCALE, ++o, Width.SHORT, "Columnstore after");
        def.define(COMPRESS_AFTER_MAP, Type.LIST, "", Importance.LOW,
                "Per-table columnstore ages as table:interval entries, overriding timescale.compress.after.",
                TIMESCALE, ++o, Width.LONG, "Columnstore after per table");
        def.define(COMPRESS_SEGMENTBY, Type.LIST, "", Importance.LOW,
                "Columns the columnstore segments tables not in timescale.compress.segmentby.map by.",
                TIMESCALE, ++o, Width.MEDIUM, "Segment by");
        def.define(COMPRESS_SEGMENTBY_MAP, Type.LIST, ConfigRules.DEFAULT_SEGMENTBY, Importance.LOW,
                "Per-table columnstore segment-by columns as table:col1|col2 entries; the default segments the "
                        + "FLEAD tables that have a device by device_id.", TIMESCALE, ++o, Width.LONG, "Segment by per table");
        def.define(RETENTION, Type.STRING, "", Importance.LOW,
                "Drop hypertable chunks older than this interval (empty: keep everything).",
                TIMESCALE, ++o, Width.SHORT, "Retention");
        def.define(RETENTION_MAP, Type.LIST, "", Importance.LOW,
                "Per-table retention as table:interval entries, overriding timescale.retention (the default keeps "
                        + "every table, the model tables among them, whole).", TIMESCALE, ++o, Width.LONG, "Retention per table");
    }

    /** The defaults of every key that has one, as strings, for {@link ConfigRules#check}. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new HashMap<>();
        CONFIG_DEF.configKeys().forEach((name, key) -> {
            if (key.hasDefault() && key.defaultValue != null) {
                Object v = key.defaultValue;
                defaults.put(name, v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                        : String.valueOf(v));
            }
        });
        return defaults;
    }

    public String url() {
        return getString(CONNECTION_URL);
    }

    public String user() {
        return getString(CONNECTION_USER);
    }

    public String password() {
        Password p = getPassword(CONNECTION_PASSWORD);
        return p == null ? null : p.value();
    }

    /** The topic-to-table routing built from the mapping keys. */
    public TableRouter router() {
        return new TableRouter(getString(TABLE_NAME_FORMAT),
                TableRouter.parseMap(TOPIC_TABLE_MAP, getList(TOPIC_TABLE_MAP)),
                TableRouter.parseKeyMap(TABLE_KEY_MAP, getList(TABLE_KEY_MAP)), getList(PK_FIELDS),
                TableRouter.parseMap(TABLE_TIME_FIELD_MAP, getList(TABLE_TIME_FIELD_MAP)),
                getString(TIME_FIELD), getString(TIME_COLUMN));
    }

    public boolean upsert() {
        return getString(INSERT_MODE).equalsIgnoreCase("upsert");
    }

    public ConflictAction conflictAction() {
        return ConflictAction.valueOf(getString(UPSERT_CONFLICT_ACTION).toUpperCase(Locale.ROOT));
    }

    public boolean autoCreate() {
        return getBoolean(AUTO_CREATE);
    }

    public boolean autoEvolve() {
        return getBoolean(AUTO_EVOLVE);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public long lingerMs() {
        return getLong(BATCH_LINGER_MS);
    }

    public int maxColumns() {
        return getInt(AUTO_EVOLVE_MAX_COLUMNS);
    }

    /** When and after what pause transient failures are retried. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(getInt(MAX_RETRIES), getLong(RETRY_BACKOFF_MS), getLong(RETRY_BACKOFF_MAX_MS));
    }

    public long connectionTimeoutMs() {
        return getLong(CONNECTION_TIMEOUT_MS);
    }

    public long socketTimeoutMs() {
        return getLong(SOCKET_TIMEOUT_MS);
    }

    public long statementTimeoutMs() {
        return getLong(STATEMENT_TIMEOUT_MS);
    }

    /** The text-based COPY format: csv, or text (also the fallback of binary). */
    public CopyFormat copyFormat() {
        return getString(COPY_FORMAT).equalsIgnoreCase("csv") ? CopyFormat.CSV : CopyFormat.TEXT;
    }

    /** Whether batches go as binary COPY when they can. */
    public boolean binaryCopy() {
        return getString(COPY_FORMAT).equalsIgnoreCase("binary");
    }

    public boolean numberArraysAsDoubleArray() {
        return getString(NUMBER_ARRAY_MODE).equalsIgnoreCase("double_array");
    }

    /** The fields to flatten and how their columns are named. */
    public Flattening flattening() {
        return Flattening.of(getList(FLATTEN_FIELDS), getString(FLATTEN_COLUMN_FORMAT));
    }

    /** The hypertable settings of {@code target}'s table: the per-table entries, else the sink-wide values. */
    public HypertableSettings hypertable(TableTarget target) {
        String table = target.table();
        Map<String, List<String>> segments = TableRouter.parseKeyMap(COMPRESS_SEGMENTBY_MAP, getList(COMPRESS_SEGMENTBY_MAP));
        return new HypertableSettings(table, target.timeColumn(),
                perTable(CHUNK_INTERVAL_MAP, table, getString(CHUNK_INTERVAL)),
                perTable(COMPRESS_AFTER_MAP, table, getString(COMPRESS_AFTER)),
                segments.getOrDefault(table, getList(COMPRESS_SEGMENTBY)),
                perTable(RETENTION_MAP, table, getString(RETENTION)));
    }

    /** The table's entry of a {@code table:value} map key, else {@code fallback}; null when blank. */
    private String perTable(String mapKey, String table, String fallback) {
        String value = TableRouter.parseMap(mapKey, getList(mapKey)).getOrDefault(table, fallback);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public boolean exactlyOnce() {
        return getBoolean(EXACTLY_ONCE);
    }
}
