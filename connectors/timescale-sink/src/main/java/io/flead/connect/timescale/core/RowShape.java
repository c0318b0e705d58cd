package io.flead.connect.timescale.core;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column names of a row, in order, without duplicates. Rows converted alike share one instance, so the checks
 * and column mappings of a batch are done once per shape rather than once per row.
 */
public final class RowShape {
    /** The shape of a row with no columns. */
    public static final RowShape EMPTY = new RowShape(new String[0]);

    private final String[] names;
    private final Map<String, Integer> index;

    private RowShape(String[] names) {
        this.names = names;
        this.index = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            if (index.put(names[i], i) != null) {
                throw new IllegalArgumentException("Column '" + names[i] + "' appears twice in a row");
            }
        }
    }

    /** The shape of {@code names}, which must not repeat. */
    public static RowShape of(Collection<String> names) {
        return new RowShape(names.toArray(new String[0]));
    }

    /** The shape of the first {@code n} of {@code names}, which must not repeat. */
    static RowShape of(String[] names, int n) {
        return new RowShape(Arrays.copyOf(names, n));
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    /** The position of column {@code name}, or -1 when rows of this shape have no such column. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    public List<String> names() {
        return List.of(names);
    }

    /** The positions of the column list last asked for, kept because a batch asks with one list for every row. */
    private volatile Positions lastPositions;

    private record Positions(List<Column> columns, int[] positions) {
    }

    /** As {@link #positionsOf}, computed once per column list (the same list instance) rather than once per row. */
    public int[] positionsIn(List<Column> columns) {
        Positions p = lastPositions;
        if (p == null || p.columns() != columns) {
            p = new Positions(columns, positionsOf(columns));
            lastPositions = p;
        }
        return p.positions();
    }

    /** For each of {@code columns}, its position in this shape, or -1. */
    public int[] positionsOf(List<Column> columns) {
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = indexOf(columns.get(i).name());
        }
        return positions;
    }
}
