package io.flead.connect.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Iterator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses one decoded CSV record of a device file into a {@link DeviceRow} or a {@link BadRow}.
 *
 * <p>Records without quote or escape characters are split directly on the delimiter, which gives the
 * same fields as commons-csv for such text; every other record goes through commons-csv.
 */
public final class DeviceCsvParser {

    private static final int NONE = -1;
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int CLOSED = 3;

    private final CsvOptions options;
    private final CSVFormat format;
    private final char delimiter;
    private final int quote;
    private final int escape;

    public DeviceCsvParser(CsvOptions options) {
        this.options = options;
        this.delimiter = options.delimiter();
        this.quote = options.quote() == null ? NONE : options.quote();
        this.escape = options.escape() == null ? NONE : options.escape();
        this.format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiter())
                .setQuote(options.quote())
                .setEscape(options.escape())
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .get();
    }

    public CsvOptions options() {
        return options;
    }

    /** The fields of {@code line}, or null when its quoting is broken. */
    public String[] split(String line) {
        if ((quote < 0 || line.indexOf(quote) < 0) && (escape < 0 || line.indexOf(escape) < 0)) {
            return splitPlain(line);
        }
        return splitQuoted(line);
    }

    private String[] splitPlain(String line) {
        int count = 1;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
            count++;
        }
        String[] fields = new String[count];
        int start = 0;
        for (int f = 0; f < count - 1; f++) {
            int end = line.indexOf(delimiter, start);
            fields[f] = line.substring(start, end);
            start = end + 1;
        }
        fields[count - 1] = line.substring(start);
        return fields;
    }

    private String[] splitQuoted(String line) {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(line)).setFormat(format).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                return new String[] {""};
            }
            CSVRecord record = it.next();
            if (it.hasNext()) {
                return null;
            }
            return record.values();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return null;
        }
    }

    /** Parses the header record of a file into its column plan, or null when it cannot be split. */
    public ColumnPlan header(String line) {
        String[] names = split(line);
        if (names == null) {
            return null;
        }
        for (int i = 0; i < names.length; i++) {
            names[i] = names[i].trim();
        }
        return ColumnPlan.of(names, options);
    }

    /** Parses the record that starts on {@code lineNo} of {@code file}. */
    public ParsedRow parse(String file, long lineNo, String line, ColumnPlan plan) {
        if (line.isEmpty()) {
            return BadRow.of(file, lineNo, 1, "empty line", line);
        }
        String[] fields = split(line);
        if (fields == null) {
            return brokenQuoting(file, lineNo, line, plan);
        }
        if (fields.length != plan.size()) {
            int column = Math.min(fields.length, plan.size()) + 1;
            return BadRow.of(file, lineNo, column,
                    "wrong column count: expected " + plan.size() + " columns, found " + fields.length, line);
        }
        return toRow(file, lineNo, line, fields, plan);
    }

    /** Whether {@code line} splits into exactly the columns of {@code plan}. */
    public boolean splitsInto(String line, ColumnPlan plan) {
        String[] fields = split(line);
        return fields != null && fields.length == plan.size();
    }

    /** Where and how the quoting of {@code line}, which commons-csv refused, is broken. */
    private BadRow brokenQuoting(String file, long lineNo, String line, ColumnPlan plan) {
        int column = 1;
        int opened = 1;
        int state = FIELD_START;
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (escaped || c == escape) {
                escaped = !escaped;
                state = state == QUOTED ? QUOTED : UNQUOTED;
            } else if (c == delimiter && state != QUOTED) {
                column++;
                state = FIELD_START;
            } else if (c == quote) {
                opened = state == FIELD_START ? column : opened;
                state = state == FIELD_START || state == CLOSED ? QUOTED : state == QUOTED ? CLOSED : UNQUOTED;
            } else if (state == CLOSED) {
                return quotingBad(file, lineNo, column, plan, "text after the closing quote", line);
            } else if (state == FIELD_START) {
                state = UNQUOTED;
            }
        }
        if (state == QUOTED) {
            return quotingBad(file, lineNo, opened, plan, "unterminated quote", line);
        }
        return quotingBad(file, lineNo, column, plan, escaped ? "escape character at the end" : "unbalanced quotes", line);
    }

    private static BadRow quotingBad(String file, long lineNo, int column, ColumnPlan plan, String what, String line) {
        String where = column <= plan.size() ? " in column '" + plan.name(column - 1) + "'" : "";
        return BadRow.of(file, lineNo, column, "broken quoting: " + what + where, line);
    }

    private ParsedRow toRow(String file, long lineNo, String line, String[] fields, ColumnPlan plan) {
        RowFields row = new RowFields(plan, options.timeParser(), options.keepStrings());
        for (int i = 0; i < fields.length; i++) {
            String problem = row.accept(plan, i, fields[i]);
            if (problem != null) {
                return bad(file, lineNo, i, plan, problem, line);
            }
        }
        return row.toRow();
    }

    private static BadRow bad(String file, long lineNo, int index, ColumnPlan plan, String what, String line) {
        return BadRow.of(file, lineNo, index + 1, what + " in column '" + plan.name(index) + "'", line);
    }

    /** The 1-based column of the byte after {@code length} bytes of a record, counting the delimiters before it. */
    static int columnAt(byte[] bytes, int length, char delimiter) {
        int column = 1;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == delimiter) {
                column++;
            }
        }
        return column;
    }
}
