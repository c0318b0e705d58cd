package io.flead.connect.timescale.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Decides, from the mapping settings, which table (time field, natural key) each topic lands in. */
public final class TableRouter {
    /** The placeholder in the table name format replaced by the topic name. */
    public static final String TOPIC_PLACEHOLDER = "${topic}";

    private final String tableNameFormat;
    private final Map<String, String> topicTables;
    private final Map<String, List<String>> tableKeys;
    private final List<String> defaultKey;
    private final Map<String, String> tableTimeFields;
    private final String defaultTimeField;
    private final String timeColumn;
    private final Map<String, TableTarget> cache = new ConcurrentHashMap<>();

    /** Builds a router; the maps come from {@link #parseMap} and {@link #parseKeyMap}. */
    public TableRouter(String tableNameFormat, Map<String, String> topicTables, Map<String, List<String>> tableKeys,
                       List<String> defaultKey, Map<String, String> tableTimeFields, String defaultTimeField,
                       String timeColumn) {
        this.tableNameFormat = tableNameFormat;
        this.topicTables = Map.copyOf(topicTables);
        this.tableKeys = Map.copyOf(tableKeys);
        this.defaultKey = List.copyOf(defaultKey);
        this.tableTimeFields = Map.copyOf(tableTimeFields);
        this.defaultTimeField = defaultTimeField;
        this.timeColumn = timeColumn;
    }

    /** The target of {@code topic}; throws {@link IllegalArgumentException} when the derived table name is invalid. */
    public TableTarget route(String topic) {
        return cache.computeIfAbsent(topic, this::resolve);
    }

    private TableTarget resolve(String topic) {
        String table = topicTables.getOrDefault(topic, tableNameFormat.replace(TOPIC_PLACEHOLDER, topic));
        List<String> key = tableKeys.getOrDefault(table, defaultKey);
        String timeField = tableTimeFields.getOrDefault(table, defaultTimeField);
        return new TableTarget(table, timeField, timeColumn, key);
    }

    /** Parses {@code a:b} entries into a map; throws naming the bad entry. */
    public static Map<String, String> parseMap(String key, List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("Invalid value '" + entry + "' for configuration '" + key
                        + "': entries must look like 'name:value'");
            }
            map.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        return map;
    }

    /** Parses {@code table:col1|col2} entries into table to key columns; throws naming the bad entry. */
    public static Map<String, List<String>> parseKeyMap(String key, List<String> entries) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        parseMap(key, entries).forEach((table, columns) -> map.put(table, List.of(columns.split("\\|", -1))));
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            for (String column : e.getValue()) {
                if (!Identifier.isValid(column)) {
                    throw new IllegalArgumentException("Invalid value '" + e.getKey() + ":" + String.join("|", e.getValue())
                            + "' for configuration '" + key + "': column '" + column + "' is not a valid identifier");
                }
            }
        }
        return map;
    }
}
