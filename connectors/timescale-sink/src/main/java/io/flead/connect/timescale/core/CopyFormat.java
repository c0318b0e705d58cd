package io.flead.connect.timescale.core;

import java.util.List;

/** PostgreSQL's COPY data formats, each with an encoder from rows to COPY input text. */
public enum CopyFormat {
    /** The default text format: tab separated, {@code \N} for null, backslash escapes. */
    TEXT {
        @Override
        void appendCell(StringBuilder out, CharSequence cell) {
            int run = 0; // cells rarely need escapes: copy the runs between special characters in bulk
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                    out.append(cell, run, i).append('\\').append(escapeLetter(c));
                    run = i + 1;
                }
            }
            if (run == 0 && cell instanceof String text) {
                out.append(text); // one array copy
            } else {
                out.append(cell, run, cell.length());
            }
        }

        @Override
        void appendNull(StringBuilder out) {
            out.append("\\N");
        }

        @Override
        char delimiter() {
            return '\t';
        }
    },
    /** CSV: an unquoted empty field is null, anything else is quoted with doubled quotes. */
    CSV {
        @Override
        void appendCell(StringBuilder out, CharSequence cell) {
            out.append('"');
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (c == '"') {
                    out.append('"');
                }
                out.append(c);
            }
            out.append('"');
        }

        @Override
        void appendNull(StringBuilder out) {
            // an unquoted empty field is NULL in CSV format
        }

        @Override
        char delimiter() {
            return ',';
        }
    };

    /** The letter after the backslash that escapes {@code c} in the text format. */
    private static char escapeLetter(char c) {
        return switch (c) {
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            default -> c;
        };
    }

    abstract void appendCell(StringBuilder out, CharSequence cell);

    abstract void appendNull(StringBuilder out);

    abstract char delimiter();

    /** The WITH clause of the COPY statement for this format (empty for the default text format). */
    public String withClause() {
        return this == CSV ? " WITH (FORMAT csv)" : "";
    }

    /** Appends {@code rows} as COPY input lines for {@code columns}, in order; absent values are null. */
    public void encode(List<Row> rows, List<Column> columns, StringBuilder out) {
        StringBuilder cell = new StringBuilder(64);
        for (Row row : rows) {
            int[] positions = row.shape().positionsIn(columns);
            Object[] cells = row.cells();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.append(delimiter());
                }
                Column column = columns.get(i);
                Object value = positions[i] < 0 ? null : cells[positions[i]];
                if (value == null || value == NumberText.NULL) {
                    appendNull(out);
                } else if (value instanceof String text && column.type() == ColumnType.TEXT) {
                    appendCell(out, text);
                } else if (value instanceof NumberText number && column.type() != ColumnType.BIGINT) {
                    number.appendTo(out); // digits, sign, point and exponent only: nothing to escape or quote
                } else if (value instanceof JsonValue json && column.type() == ColumnType.JSONB) {
                    appendCell(out, json.json());
                } else {
                    cell.setLength(0);
                    CellText.append(cell, value, column.type());
                    appendCell(out, cell);
                }
            }
            out.append('\n');
        }
    }
}
