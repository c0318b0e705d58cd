package io.flead.connect.timescale.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Infers table columns from converted rows: the time column first, key columns NOT NULL, types widened. */
public final class ColumnInference {
    private ColumnInference() {
    }

    /** The type a converted value needs, or null for null. */
    public static ColumnType typeOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long) {
            return ColumnType.BIGINT;
        }
        if (value instanceof Double || value instanceof NumberText) {
            return ColumnType.DOUBLE;
        }
        if (value instanceof Boolean) {
            return ColumnType.BOOLEAN;
        }
        if (value instanceof JsonValue) {
            return ColumnType.JSONB;
        }
        if (value instanceof DoubleArray) {
            return ColumnType.DOUBLE_ARRAY;
        }
        if (value instanceof Instant) {
            return ColumnType.TIMESTAMPTZ;
        }
        return ColumnType.TEXT;
    }

    /** The columns needed by {@code rows} of {@code target}, in first-seen order after the time column. */
    public static List<Column> infer(TableTarget target, List<Row> rows) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put(target.timeColumn(), ColumnType.TIMESTAMPTZ);
        for (String key : target.keyColumns()) {
            types.putIfAbsent(key, null);
        }
        for (Row row : rows) {
            RowShape shape = row.shape();
            for (int i = 0; i < shape.size(); i++) {
                String name = shape.name(i);
                if (!name.equals(target.timeColumn())) {
                    types.put(name, ColumnType.widen(types.get(name), typeOf(row.cells()[i])));
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(new Column(name, type == null ? ColumnType.TEXT : type,
                name.equals(target.timeColumn()) || target.keyColumns().contains(name))));
        return columns;
    }

    /** The inferred columns of {@code rows} that {@code existing} (column name to type) lacks, as nullable columns. */
    public static List<Column> missing(TableTarget target, List<Row> rows, Map<String, ColumnType> existing) {
        if (allPresent(target, rows, existing)) {
            return List.of(); // the common case, checked without inferring types for every row
        }
        List<Column> missing = new ArrayList<>();
        for (Column c : infer(target, rows)) {
            if (!existing.containsKey(c.name())) {
                missing.add(new Column(c.name(), c.type(), false));
            }
        }
        return missing;
    }

    private static boolean allPresent(TableTarget target, List<Row> rows, Map<String, ColumnType> existing) {
        if (!existing.containsKey(target.timeColumn()) || !existing.keySet().containsAll(target.keyColumns())) {
            return false;
        }
        for (RowShape shape : shapes(rows)) {
            for (int i = 0; i < shape.size(); i++) {
                if (!existing.containsKey(shape.name(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The distinct shapes of {@code rows}: few, since rows converted alike share theirs. */
    public static Set<RowShape> shapes(List<Row> rows) {
        Set<RowShape> shapes = Collections.newSetFromMap(new IdentityHashMap<>());
        RowShape previous = null;
        for (Row row : rows) {
            if (row.shape() != previous) {
                previous = row.shape();
                shapes.add(previous);
            }
        }
        return shapes;
    }
}
