package io.flead.connect.timescale.core;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Collects the cells of one row at a time. While the columns come in the order of the previous row's, it only fills
 * cells and the row reuses that shape; it refuses a column filled twice (a flattened key clashing with a field).
 * Not thread-safe: one per converting thread.
 */
final class RowBuilder {
    private RowShape last = RowShape.EMPTY;
    private Object[] cells;
    private int n;
    private String[] names;
    private Set<String> seen;

    /** Starts a new row. */
    void start() {
        cells = new Object[Math.max(8, last.size())];
        n = 0;
        names = null;
    }

    /** Adds the cell of {@code column}, which comes from value field {@code field}. */
    void add(RecordRef ref, String field, String column, Object cell) {
        if (n == cells.length) {
            cells = Arrays.copyOf(cells, n * 2);
        }
        if (names == null) {
            if (n < last.size() && last.name(n).equals(column)) {
                cells[n++] = cell;
                return;
            }
            names = new String[cells.length];
            seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                names[i] = last.name(i);
                seen.add(names[i]);
            }
        }
        if (!seen.add(column)) {
            throw new ConversionException(ref, field, "gives column '" + column + "', which another field of the record"
                    + " already fills (check " + ConfigRules.FLATTEN_COLUMN_FORMAT + ")");
        }
        if (n == names.length) {
            names = Arrays.copyOf(names, n * 2);
        }
        names[n] = column;
        cells[n++] = cell;
    }

    /** The row of the cells added since {@link #start()}. */
    Row finish(RecordRef ref, TableTarget target) {
        if (names != null) {
            last = RowShape.of(names, n);
        } else if (n != last.size()) {
            last = RowShape.of(last.names().toArray(new String[0]), n);
        }
        return new Row(ref, target, last, n == cells.length ? cells : Arrays.copyOf(cells, n));
    }
}
