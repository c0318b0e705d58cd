package io.flead.connect.timescale.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the last row per natural key, since one upsert statement may not touch a row twice. */
public final class RowDedup {
    private RowDedup() {
    }

    /** {@code rows} with earlier rows of a repeated key dropped; rows keep their relative order. */
    public static List<Row> lastPerKey(List<Row> rows, List<String> keyColumns) {
        if (keyColumns.isEmpty() || rows.size() < 2) {
            return rows;
        }
        Map<List<Object>, Integer> lastIndex = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            lastIndex.put(key(rows.get(i), keyColumns), i);
        }
        if (lastIndex.size() == rows.size()) {
            return rows;
        }
        boolean[] keep = new boolean[rows.size()];
        lastIndex.values().forEach(i -> keep[i] = true);
        List<Row> kept = new ArrayList<>(lastIndex.size());
        for (int i = 0; i < rows.size(); i++) {
            if (keep[i]) {
                kept.add(rows.get(i));
            }
        }
        return kept;
    }

    private static List<Object> key(Row row, List<String> keyColumns) {
        Object[] key = new Object[keyColumns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = row.get(keyColumns.get(i));
        }
        return Arrays.asList(key);
    }
}
