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
            return BadRow.of(file, lineNo, 1, "broken quoting (unterminated quote or text after a closing quote)", line);
        }
        if (fields.length != plan.size()) {
            int column = Math.min(fields.length, plan.size()) + 1;
            return BadRow.of(file, lineNo, column,
                    "wrong column count: expected " + plan.size() + " columns, found " + fields.length, line);
        }
        return toRow(file, lineNo, line, fields, plan);
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
