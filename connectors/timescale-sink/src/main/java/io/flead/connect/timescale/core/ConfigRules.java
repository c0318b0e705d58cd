package io.flead.connect.timescale.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sink's cross-field configuration rules, as messages per offending key; pure, so testable without Connect. */
public final class ConfigRules {
    public static final String URL = "connection.url";
    public static final String TABLE_NAME_FORMAT = "table.name.format";
    public static final String TOPIC_TABLE_MAP = "topic.table.map";
    public static final String TABLE_KEY_MAP = "table.key.map";
    public static final String PK_FIELDS = "pk.fields";
    public static final String TIME_FIELD = "time.field";
    public static final String TABLE_TIME_FIELD_MAP = "table.time.field.map";
    public static final String TIME_COLUMN = "time.column";
    public static final String INSERT_MODE = "insert.mode";
    public static final String CHUNK_INTERVAL = "timescale.chunk.interval";
    public static final String COMPRESS_AFTER = "timescale.compress.after";
    public static final String COMPRESS_SEGMENTBY = "timescale.compress.segmentby";
    public static final String RETENTION = "timescale.retention";
    public static final String CHUNK_INTERVAL_MAP = "timescale.chunk.interval.map";
    public static final String COMPRESS_AFTER_MAP = "timescale.compress.after.map";
    public static final String COMPRESS_SEGMENTBY_MAP = "timescale.compress.segmentby.map";
    public static final String RETENTION_MAP = "timescale.retention.map";
    public static final String TOPICS = "topics";
    public static final String FLATTEN_FIELDS = "flatten.fields";
    public static final String FLATTEN_COLUMN_FORMAT = "flatten.column.format";
    public static final String SOCKET_TIMEOUT_MS = "socket.timeout.ms";
    public static final String STATEMENT_TIMEOUT_MS = "statement.timeout.ms";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";

    /** The DESIGN topics and their tables. */
    public static final String DEFAULT_TOPIC_TABLES = "edge-iiot-stream:telemetry,local-model-updates:local_models,"
            + "global-model-updates:global_models,anomalies:anomalies,drift-alerts:drift_alerts";
    /** The DESIGN tables' natural keys. */
    public static final String DEFAULT_TABLE_KEYS = "telemetry:device_id|seq|time,local_models:update_id|time,"
            + "global_models:version|time,anomalies:device_id|seq|time,drift_alerts:device_id|feature|method|time";

    /** The DESIGN tables that have a device: their columnstore segments are per device. */
    public static final String DEFAULT_SEGMENTBY = "telemetry:device_id,local_models:device_id,anomalies:device_id,"
            + "drift_alerts:device_id";

    private ConfigRules() {
    }

    /** Checks the raw settings (absent keys take {@code defaults}) and returns error messages by key. */
    public static Map<String, List<String>> check(Map<String, String> props, Map<String, String> defaults) {
        Map<String, String> p = new LinkedHashMap<>(defaults);
        props.forEach((k, v) -> {
            if (v != null) {
                p.put(k, v);
            }
        });
        Map<String, List<String>> errors = new LinkedHashMap<>();
        checkUrl(p, errors);
        checkIntervals(p, errors);
        checkFlattening(p, errors);
        checkTimes(p, errors);
        TableRouter router = checkRouting(p, errors);
        if (router != null) {
            checkTopics(p, router, errors);
        }
        return errors;
    }

    private static void checkUrl(Map<String, String> p, Map<String, List<String>> errors) {
        String url = p.getOrDefault(URL, "");
        if (!url.startsWith("jdbc:postgresql:")) {
            add(errors, URL, "Invalid value '" + UrlMask.mask(url) + "' for configuration '" + URL
                    + "': must be a PostgreSQL JDBC URL starting with 'jdbc:postgresql:'");
        }
    }

    private static void checkIntervals(Map<String, String> p, Map<String, List<String>> errors) {
        for (String key : List.of(CHUNK_INTERVAL, COMPRESS_AFTER, RETENTION)) {
            String value = p.getOrDefault(key, "").trim();
            boolean optional = !key.equals(CHUNK_INTERVAL);
            if (!(optional && value.isEmpty()) && !PostgresDialect.isInterval(value)) {
                add(errors, key, "Invalid value '" + value + "' for configuration '" + key
                        + "': must be an interval such as '7 days' or '12 hours'" + (optional ? ", or empty for none" : ""));
            }
        }
        for (String key : List.of(CHUNK_INTERVAL_MAP, COMPRESS_AFTER_MAP, RETENTION_MAP)) {
            checkIntervalMap(p, key, errors);
        }
        try {
            TableRouter.parseKeyMap(COMPRESS_SEGMENTBY_MAP, list(p, COMPRESS_SEGMENTBY_MAP));
        } catch (IllegalArgumentException e) {
            add(errors, COMPRESS_SEGMENTBY_MAP, e.getMessage());
        }
        for (String column : list(p, COMPRESS_SEGMENTBY)) {
            identifier(p, COMPRESS_SEGMENTBY, column, errors);
        }
        if (!list(p, COMPRESS_SEGMENTBY).isEmpty() && p.getOrDefault(COMPRESS_AFTER, "").isBlank()
                && list(p, COMPRESS_AFTER_MAP).isEmpty()) {
            add(errors, COMPRESS_SEGMENTBY, "Invalid value '" + p.get(COMPRESS_SEGMENTBY) + "' for configuration '"
                    + COMPRESS_SEGMENTBY + "': only meaningful with '" + COMPRESS_AFTER + "' set");
        }
    }

    /** A {@code table:interval} map: every entry well formed, every table a valid name, every value an interval. */
    private static void checkIntervalMap(Map<String, String> p, String key, Map<String, List<String>> errors) {
        Map<String, String> map;
        try {
            map = TableRouter.parseMap(key, list(p, key));
        } catch (IllegalArgumentException e) {
            add(errors, key, e.getMessage());
            return;
        }
        map.forEach((table, interval) -> {
            if (!Identifier.isValid(table) || !PostgresDialect.isInterval(interval)) {
                add(errors, key, "Invalid value '" + table + ":" + interval + "' for configuration '" + key
                        + "': entries must be table:interval, with an interval such as '7 days' or '12 hours'");
            }
        });
    }

    private static void checkFlattening(Map<String, String> p, Map<String, List<String>> errors) {
        String format = p.getOrDefault(FLATTEN_COLUMN_FORMAT, Flattening.DEFAULT_COLUMN_FORMAT);
        if (!format.contains(Flattening.KEY_PLACEHOLDER)) {
            add(errors, FLATTEN_COLUMN_FORMAT, "Invalid value '" + format + "' for configuration '" + FLATTEN_COLUMN_FORMAT
                    + "': must contain " + Flattening.KEY_PLACEHOLDER);
        }
        List<String> timeFields = new ArrayList<>(List.of(p.getOrDefault(TIME_FIELD, "ts")));
        try {
            timeFields.addAll(TableRouter.parseMap(TABLE_TIME_FIELD_MAP, list(p, TABLE_TIME_FIELD_MAP)).values());
        } catch (IllegalArgumentException e) {
            // reported on its own key by checkRouting
        }
        for (String field : list(p, FLATTEN_FIELDS)) {
            if (timeFields.contains(field)) {
                add(errors, FLATTEN_FIELDS, "Invalid value '" + p.get(FLATTEN_FIELDS) + "' for configuration '"
                        + FLATTEN_FIELDS + "': '" + field + "' is a time field and cannot be flattened");
            } else if (!Identifier.isValid(field) || format.contains(Flattening.KEY_PLACEHOLDER)
                    && !Identifier.isValid(Flattening.of(List.of(field), format).columnName(field, "k"))) {
                add(errors, FLATTEN_FIELDS, "Invalid value '" + p.get(FLATTEN_FIELDS) + "' for configuration '"
                        + FLATTEN_FIELDS + "': field '" + field + "' does not give valid column names with '"
                        + FLATTEN_COLUMN_FORMAT + "' = '" + format + "' (empty, NUL or longer than "
                        + Identifier.MAX_BYTES + " bytes)");
            }
        }
    }

    /** A statement must be cancelled by the server before the socket gives up on it; backoff grows up to its maximum. */
    private static void checkTimes(Map<String, String> p, Map<String, List<String>> errors) {
        Long statement = number(p, STATEMENT_TIMEOUT_MS);
        Long socket = number(p, SOCKET_TIMEOUT_MS);
        if (statement != null && socket != null && statement > 0 && statement >= socket) {
            add(errors, STATEMENT_TIMEOUT_MS, "Invalid value '" + statement + "' for configuration '" + STATEMENT_TIMEOUT_MS
                    + "': must be less than '" + SOCKET_TIMEOUT_MS + "' (" + socket + "), or 0 for none");
        }
        Long backoff = number(p, RETRY_BACKOFF_MS);
        Long maxBackoff = number(p, RETRY_BACKOFF_MAX_MS);
        if (backoff != null && maxBackoff != null && maxBackoff < backoff) {
            add(errors, RETRY_BACKOFF_MAX_MS, "Invalid value '" + maxBackoff + "' for configuration '" + RETRY_BACKOFF_MAX_MS
                    + "': must be at least '" + RETRY_BACKOFF_MS + "' (" + backoff + ")");
        }
    }

    /** The key's value as a number, or null when absent or not a number (which the ConfigDef reports on the key). */
    private static Long number(Map<String, String> p, String key) {
        try {
            return Long.parseLong(p.getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static TableRouter checkRouting(Map<String, String> p, Map<String, List<String>> errors) {
        int before = errors.size();
        Map<String, String> topicTables = parse(p, TOPIC_TABLE_MAP, errors);
        Map<String, String> timeFields = parse(p, TABLE_TIME_FIELD_MAP, errors);
        Map<String, List<String>> keys = Map.of();
        try {
            keys = TableRouter.parseKeyMap(TABLE_KEY_MAP, list(p, TABLE_KEY_MAP));
        } catch (IllegalArgumentException e) {
            add(errors, TABLE_KEY_MAP, e.getMessage());
        }
        identifier(p, TIME_COLUMN, p.getOrDefault(TIME_COLUMN, ""), errors);
        for (String column : list(p, PK_FIELDS)) {
            identifier(p, PK_FIELDS, column, errors);
        }
        if (!p.getOrDefault(TABLE_NAME_FORMAT, "").contains(TableRouter.TOPIC_PLACEHOLDER)) {
            add(errors, TABLE_NAME_FORMAT, "Invalid value '" + p.get(TABLE_NAME_FORMAT) + "' for configuration '"
                    + TABLE_NAME_FORMAT + "': must contain " + TableRouter.TOPIC_PLACEHOLDER);
        }
        if (errors.size() > before) {
            return null;
        }
        return new TableRouter(p.get(TABLE_NAME_FORMAT), topicTables, keys, list(p, PK_FIELDS), timeFields,
                p.getOrDefault(TIME_FIELD, "ts"), p.get(TIME_COLUMN));
    }

    private static void checkTopics(Map<String, String> p, TableRouter router, Map<String, List<String>> errors) {
        boolean upsert = "upsert".equalsIgnoreCase(p.getOrDefault(INSERT_MODE, "insert"));
        for (String topic : list(p, TOPICS)) {
            TableTarget target;
            try {
                target = router.route(topic);
            } catch (IllegalArgumentException e) {
                add(errors, TABLE_NAME_FORMAT, "Invalid value '" + p.get(TABLE_NAME_FORMAT) + "' for configuration '"
                        + TABLE_NAME_FORMAT + "': topic '" + topic + "' gives an invalid table name: " + e.getMessage());
                continue;
            }
            if (upsert && target.keyColumns().isEmpty()) {
                add(errors, PK_FIELDS, "Invalid value '" + p.getOrDefault(PK_FIELDS, "") + "' for configuration '"
                        + PK_FIELDS + "': insert.mode 'upsert' needs a natural key for table '" + target.table()
                        + "' (topic '" + topic + "'); set '" + PK_FIELDS + "' or '" + TABLE_KEY_MAP + "'");
            }
        }
    }

    private static Map<String, String> parse(Map<String, String> p, String key, Map<String, List<String>> errors) {
        try {
            return TableRouter.parseMap(key, list(p, key));
        } catch (IllegalArgumentException e) {
            add(errors, key, e.getMessage());
            return Map.of();
        }
    }

    private static void identifier(Map<String, String> p, String key, String value, Map<String, List<String>> errors) {
        if (!Identifier.isValid(value)) {
            add(errors, key, "Invalid value '" + value + "' for configuration '" + key
                    + "': not a valid column name (empty, NUL or longer than " + Identifier.MAX_BYTES + " bytes)");
        }
    }

    /** Splits a comma-separated list value, trimming entries and dropping empty ones. */
    public static List<String> list(Map<String, String> p, String key) {
        List<String> out = new ArrayList<>();
        for (String s : p.getOrDefault(key, "").split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}
