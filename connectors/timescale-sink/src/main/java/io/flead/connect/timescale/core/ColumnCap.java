package io.flead.connect.timescale.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps a table the sink creates or evolves within a number of columns: rows are taken in order, and a row whose new
 * columns would make the table wider than the cap is refused (its columns are not added), so one record with
 * runaway field names cannot push a table to PostgreSQL's 1,600-column limit, past which no new field could land.
 */
public final class ColumnCap {
    private ColumnCap() {
    }

    /** A row refused because adding {@code column} would give its table {@code columns} columns. */
    public record Refusal(Row row, String column, int columns) {
    }

    /**
     * The rows of {@code rows} (all of {@code target}) that need more columns than {@code maxColumns} lets the table
     * have, given its {@code existing} columns (empty when the table does not exist yet: it will get the time and key
     * columns besides the rows' own).
     */
    public static List<Refusal> refusals(TableTarget target, Set<String> existing, List<Row> rows, int maxColumns) {
        Set<String> columns = new HashSet<>(existing);
        if (columns.isEmpty()) {
            columns.add(target.timeColumn());
            columns.addAll(target.keyColumns());
        }
        if (fits(columns, rows)) {
            return List.of(); // the common case: no row needs a new column
        }
        List<Refusal> refused = new ArrayList<>();
        for (Row row : rows) {
            Set<String> added = new LinkedHashSet<>();
            for (String name : row.shape().names()) {
                if (!columns.contains(name)) {
                    added.add(name);
                }
            }
            if (columns.size() + added.size() <= maxColumns) {
                columns.addAll(added);
            } else {
                String first = added.stream().skip(Math.max(0, maxColumns - columns.size())).findFirst().orElseThrow();
                refused.add(new Refusal(row, first, columns.size() + added.size()));
            }
        }
        return refused;
    }

    private static boolean fits(Set<String> columns, List<Row> rows) {
        for (RowShape shape : ColumnInference.shapes(rows)) {
            if (!columns.containsAll(shape.names())) {
                return false;
            }
        }
        return true;
    }
}
