package io.flead.connect.timescale.core;

import java.util.List;

/** PostgreSQL's COPY data formats, each with an encoder from rows to COPY input text. */
public enum CopyFormat {
    /** The default text format: tab separated, {@code \N} for null, backslash escapes. */
    TEXT {
        @Override
        void appendCell(StringBuilder out, CharSequence cell) {
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
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
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.append(delimiter());
                }
                Column column = columns.get(i);
                Object value = row.values().get(column.name());
                if (value == null) {
                    appendNull(out);
                } else if (value instanceof String text && column.type() == ColumnType.TEXT) {
                    appendCell(out, text);
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
