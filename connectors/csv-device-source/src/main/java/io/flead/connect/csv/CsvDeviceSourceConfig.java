package io.flead.connect.csv;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The settings of the CSV device source connector and its tasks, every key declared once. */
public final class CsvDeviceSourceConfig extends AbstractConfig {

    static final String GROUP_INPUT = "Input";
    static final String GROUP_CSV = "CSV format";
    static final String GROUP_COLUMNS = "Columns";
    static final String GROUP_OUTPUT = "Output";
    static final String GROUP_REPLAY = "Replay";
    static final String GROUP_ERRORS = "Bad rows";

    public static final String INPUT_PATH = "input.path";
    public static final String INPUT_RECURSIVE = "input.recursive";
    public static final String INPUT_FILE_PATTERN = "input.file.pattern";
    public static final String INPUT_RESCAN_INTERVAL_MS = "input.rescan.interval.ms";
    public static final String DEVICE_ID_REGEX = "device.id.regex";
    public static final String DEVICE_ID_COLUMN = "device.id.column";
    public static final String FILE_CHANGED_POLICY = "file.changed.policy";

    public static final String CSV_DELIMITER = "csv.delimiter";
    public static final String CSV_QUOTE = "csv.quote";
    public static final String CSV_ESCAPE = "csv.escape";
    public static final String LINE_MAX_BYTES = "line.max.bytes";

    public static final String TIME_COLUMN = "time.column";
    public static final String TIME_FORMATS = "time.formats";
    public static final String TIME_ZONE = "time.zone";
    public static final String LABEL_COLUMN = "label.column";
    public static final String ATTACK_TYPE_COLUMN = "attack.type.column";
    public static final String STRING_COLUMNS = "string.columns";
    public static final String STRING_COLUMNS_NAMES = "string.columns.names";

    public static final String TOPIC = "topic";
    public static final String BATCH_SIZE = "batch.size";
    public static final String VALUE_FORMAT = "value.format";
    /** The converter {@code value.format=json} needs in the connector config. */
    public static final String BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    public static final String REPLAY_MODE = "replay.mode";
    public static final String REPLAY_RATE = "replay.rate";
    public static final String REPLAY_SPEEDUP = "replay.speedup";
    public static final String REPLAY_ORDER = "replay.order";
    public static final String REPLAY_LOOP = "replay.loop";

    public static final String ERRORS_TOPIC = "errors.topic";
    public static final String BAD_ROWS_MAX = "bad.rows.max";

    /** Internal task keys, set by the connector: this task's files and its share of the rate. */
    public static final String TASK_FILES = "task.files";
    public static final String TASK_RATE_SHARE = "task.rate.share";

    public static final String DEFAULT_STRING_COLUMNS = String.join(",",
            "ip.src_host", "ip.dst_host", "arp.dst.proto_ipv4", "arp.src.proto_ipv4", "http.file_data",
            "http.request.uri.query", "http.request.method", "http.referer", "http.request.full_uri",
            "http.request.version", "tcp.options", "tcp.payload", "dns.qry.name",
            "mqtt.msg", "mqtt.protoname", "mqtt.topic");

    static final ConfigDef CONFIG_DEF = buildConfigDef();

    public CsvDeviceSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /** The connector's ConfigDef. */
    public static ConfigDef configDef() {
        return CONFIG_DEF;
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        defineInput(def);
        defineCsv(def);
        defineColumns(def);
        defineOutput(def);
        defineReplay(def);
        defineErrors(def);
        return def;
    }

    private static void defineInput(ConfigDef def) {
        int o = 0;
        def.define(INPUT_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, "Directory holding the device CSV files.", GROUP_INPUT, ++o, Width.LONG, "Input directory");
        def.define(INPUT_RECURSIVE, Type.BOOLEAN, false, Importance.MEDIUM,
                "Whether files in subdirectories of input.path are read too.", GROUP_INPUT, ++o, Width.SHORT, "Recursive");
        def.define(INPUT_FILE_PATTERN, Type.STRING, "*.csv", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Glob that a file name must match to be read, for example 'device_*.csv'.", GROUP_INPUT, ++o, Width.MEDIUM, "File pattern");
        def.define(INPUT_RESCAN_INTERVAL_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "How often the connector lists input.path again for new files, in milliseconds; 0 disables rescans.",
                GROUP_INPUT, ++o, Width.SHORT, "Rescan interval");
        def.define(DEVICE_ID_REGEX, Type.STRING, "^(.+?)(\\.[^.]*)?$", Validators.REGEX, Importance.HIGH,
                "Regular expression applied to the file name whose first group is the device id; used unless device.id.column is set.",
                GROUP_INPUT, ++o, Width.MEDIUM, "Device id regex");
        def.define(DEVICE_ID_COLUMN, Type.STRING, "", Importance.MEDIUM,
                "Column holding the device id; when set, device.id.regex must not be set.", GROUP_INPUT, ++o, Width.MEDIUM, "Device id column");
        def.define(FILE_CHANGED_POLICY, Type.STRING, "restart", Validators.oneOf(FileChangedPolicy.CONFIG_VALUES), Importance.MEDIUM,
                "What to do with a file that changed since its offset was stored (shorter than then, other first bytes, or "
                        + "its stored position no longer starts a line): 'restart' replays it from its start, 'skip' leaves "
                        + "the rows it holds now, 'fail' stops the task; each reports it on errors.topic.",
                GROUP_INPUT, ++o, Width.SHORT, "Changed file policy");
    }

    private static void defineCsv(ConfigDef def) {
        int o = 0;
        def.define(CSV_DELIMITER, Type.STRING, ",", Validators.SINGLE_ASCII_CHAR, Importance.MEDIUM,
                "Field delimiter, one ASCII character ('\\t' for tab).", GROUP_CSV, ++o, Width.SHORT, "Delimiter");
        def.define(CSV_QUOTE, Type.STRING, "\"", Validators.OPTIONAL_ASCII_CHAR, Importance.LOW,
                "Quote character, one ASCII character, or empty for none.", GROUP_CSV, ++o, Width.SHORT, "Quote");
        def.define(CSV_ESCAPE, Type.STRING, "", Validators.OPTIONAL_ASCII_CHAR, Importance.LOW,
                "Escape character, one ASCII character, or empty for none (quotes are then escaped by doubling).",
                GROUP_CSV, ++o, Width.SHORT, "Escape");
        def.define(LINE_MAX_BYTES, Type.INT, 65_536, ConfigDef.Range.between(16, 64 * 1024 * 1024), Importance.LOW,
                "Longest accepted record in bytes; longer lines are skipped as bad rows.", GROUP_CSV, ++o, Width.SHORT, "Max line bytes");
    }

    private static void defineColumns(ConfigDef def) {
        int o = 0;
        def.define(TIME_COLUMN, Type.STRING, "frame.time", new ConfigDef.NonEmptyString(), Importance.HIGH,
                "Column holding the event time.", GROUP_COLUMNS, ++o, Width.MEDIUM, "Time column");
        def.define(TIME_FORMATS, Type.LIST, "iso,yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS],epoch-ms", Validators.TIME_FORMATS,
                Importance.MEDIUM, "Time formats tried in order: 'iso', 'epoch-ms', 'epoch-s' or a java.time pattern.",
                GROUP_COLUMNS, ++o, Width.LONG, "Time formats");
        def.define(TIME_ZONE, Type.STRING, "UTC", Validators.ZONE, Importance.MEDIUM,
                "Zone of times that carry no offset, for example 'UTC' or 'Europe/Paris'.", GROUP_COLUMNS, ++o, Width.SHORT, "Time zone");
        def.define(LABEL_COLUMN, Type.STRING, "Attack_label", Importance.MEDIUM,
                "Column holding the 0/1 label; empty for none (label is then null).", GROUP_COLUMNS, ++o, Width.MEDIUM, "Label column");
        def.define(ATTACK_TYPE_COLUMN, Type.STRING, "Attack_type", Importance.MEDIUM,
                "Column holding the attack type; empty for none (attack_type is then null).", GROUP_COLUMNS, ++o, Width.MEDIUM, "Attack type column");
        def.define(STRING_COLUMNS, Type.STRING, "drop", ConfigDef.ValidString.in("drop", "keep"), Importance.MEDIUM,
                "What to do with text columns: 'drop' them or 'keep' them in the value's 'strings' map.",
                GROUP_COLUMNS, ++o, Width.SHORT, "String columns");
        def.define(STRING_COLUMNS_NAMES, Type.LIST, DEFAULT_STRING_COLUMNS, Importance.LOW,
                "Columns holding text rather than numbers; every other column must be numeric.",
                GROUP_COLUMNS, ++o, Width.LONG, "String column names");
    }

    private static void defineOutput(ConfigDef def) {
        int o = 0;
        def.define(TOPIC, Type.STRING, "edge-iiot-stream", Validators.topicName(false), Importance.HIGH,
                "Topic the device records are written to.", GROUP_OUTPUT, ++o, Width.MEDIUM, "Topic");
        def.define(BATCH_SIZE, Type.INT, 2_000, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                "Largest number of records one poll returns.", GROUP_OUTPUT, ++o, Width.SHORT, "Batch size");
        def.define(VALUE_FORMAT, Type.STRING, "map", ConfigDef.ValidString.in("map", "json"), Importance.LOW,
                "'map' hands Connect schemaless maps for the worker's converter (JsonConverter); 'json' writes the same "
                        + "JSON text itself, faster, and needs value.converter=" + BYTE_ARRAY_CONVERTER + " in this config.",
                GROUP_OUTPUT, ++o, Width.SHORT, "Value format");
    }

    private static void defineReplay(ConfigDef def) {
        int o = 0;
        def.define(REPLAY_MODE, Type.STRING, "max", ConfigDef.ValidString.in("max", "rate", "event-time"), Importance.HIGH,
                "Pacing: 'max' as fast as possible, 'rate' at replay.rate records/s, 'event-time' at the original spacing divided by replay.speedup.",
                GROUP_REPLAY, ++o, Width.SHORT, "Replay mode");
        def.define(REPLAY_RATE, Type.DOUBLE, 0.0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "Records per second in total across all tasks, for replay.mode=rate.", GROUP_REPLAY, ++o, Width.SHORT, "Rate");
        def.define(REPLAY_SPEEDUP, Type.DOUBLE, 1.0, Validators.POSITIVE_DOUBLE, Importance.MEDIUM,
                "Divisor of the original spacing between events, for replay.mode=event-time.", GROUP_REPLAY, ++o, Width.SHORT, "Speed-up");
        def.define(REPLAY_ORDER, Type.STRING, "round-robin", ConfigDef.ValidString.in("round-robin", "time"), Importance.MEDIUM,
                "Order across devices: 'round-robin' one row per file in turn, or 'time', a merge by event time.",
                GROUP_REPLAY, ++o, Width.SHORT, "Order");
        def.define(REPLAY_LOOP, Type.BOOLEAN, false, Importance.LOW,
                "Whether files are replayed forever, each pass with timestamps shifted past the previous pass and new seq numbers.",
                GROUP_REPLAY, ++o, Width.SHORT, "Loop");
    }

    private static void defineErrors(ConfigDef def) {
        int o = 0;
        def.define(ERRORS_TOPIC, Type.STRING, "edge-iiot-stream-errors", Validators.topicName(true), Importance.MEDIUM,
                "Topic bad rows are reported to (file, line, column, reason, raw); empty to only log and count them.",
                GROUP_ERRORS, ++o, Width.MEDIUM, "Errors topic");
        def.define(BAD_ROWS_MAX, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.MEDIUM,
                "Number of bad rows a task tolerates before it fails; -1 for no limit.", GROUP_ERRORS, ++o, Width.SHORT, "Max bad rows");
        def.define(TASK_FILES, Type.STRING, "", Importance.LOW,
                "Internal: the files assigned to a task, one per line; set by the connector.", null, -1, Width.NONE, TASK_FILES);
        def.define(TASK_RATE_SHARE, Type.DOUBLE, 0.0, Importance.LOW,
                "Internal: this task's share of replay.rate; set by the connector.", null, -1, Width.NONE, TASK_RATE_SHARE);
    }

    public String inputPath() { return getString(INPUT_PATH); }
    public boolean recursive() { return getBoolean(INPUT_RECURSIVE); }
    public String filePattern() { return getString(INPUT_FILE_PATTERN); }
    public long rescanIntervalMs() { return getLong(INPUT_RESCAN_INTERVAL_MS); }
    public String deviceIdColumn() { return getString(DEVICE_ID_COLUMN); }
    public String deviceIdRegex() { return deviceIdColumn().isEmpty() ? getString(DEVICE_ID_REGEX) : ""; }
    public String topic() { return getString(TOPIC); }
    public int batchSize() { return getInt(BATCH_SIZE); }
    public boolean jsonValues() { return "json".equals(getString(VALUE_FORMAT)); }
    public String errorsTopic() { return getString(ERRORS_TOPIC); }
    public long badRowsMax() { return getLong(BAD_ROWS_MAX); }
    public boolean loop() { return getBoolean(REPLAY_LOOP); }
    public FileChangedPolicy fileChangedPolicy() { return FileChangedPolicy.fromConfig(getString(FILE_CHANGED_POLICY)); }
    public boolean orderByTime() { return "time".equals(getString(REPLAY_ORDER)); }
    public double rate() { return getDouble(REPLAY_RATE); }
    public double speedup() { return getDouble(REPLAY_SPEEDUP); }
    public double taskRateShare() { return getDouble(TASK_RATE_SHARE); }

    public ReplayPacer.Mode replayMode() {
        return ReplayPacer.Mode.fromConfig(getString(REPLAY_MODE));
    }

    /** The files assigned to this task. */
    public List<String> taskFiles() {
        String files = getString(TASK_FILES);
        return files.isEmpty() ? List.of() : List.of(files.split("\n"));
    }

    /** The CSV dialect and column roles the parser needs. */
    public CsvOptions csvOptions() {
        return new CsvOptions(
                Validators.unescape(getString(CSV_DELIMITER)).charAt(0),
                optionalChar(getString(CSV_QUOTE)),
                optionalChar(getString(CSV_ESCAPE)),
                getInt(LINE_MAX_BYTES),
                getString(TIME_COLUMN),
                TimeParser.of(getList(TIME_FORMATS), ZoneId.of(getString(TIME_ZONE))),
                getString(LABEL_COLUMN),
                getString(ATTACK_TYPE_COLUMN),
                deviceIdColumn(),
                "keep".equals(getString(STRING_COLUMNS)),
                getList(STRING_COLUMNS_NAMES));
    }

    private static Character optionalChar(String value) {
        String v = Validators.unescape(value);
        return v.isEmpty() ? null : v.charAt(0);
    }
}
