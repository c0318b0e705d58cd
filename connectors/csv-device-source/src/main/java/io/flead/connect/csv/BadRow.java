package io.flead.connect.csv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record that could not be parsed, located by file, line and column.
 *
 * @param file the file name
 * @param line the 1-based line the record starts on
 * @param column the 1-based column where the problem was found
 * @param reason what is wrong, quoting the bad value
 * @param raw the record text, truncated
 */
public record BadRow(String file, long line, int column, String reason, String raw) implements ParsedRow {

    /** The longest raw text kept. */
    public static final int RAW_MAX_CHARS = 256;

    /** A bad row with {@code raw} truncated to {@link #RAW_MAX_CHARS}. */
    public static BadRow of(String file, long line, int column, String reason, String raw) {
        String kept = raw.length() > RAW_MAX_CHARS ? raw.substring(0, RAW_MAX_CHARS) : raw;
        return new BadRow(file, line, column, reason, kept);
    }

    /** {@code file:line:column: reason}. */
    public String describe() {
        return file + ":" + line + ":" + column + ": " + reason;
    }

    /** The value written to the errors topic. */
    public Map<String, Object> toValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("file", file);
        value.put("line", line);
        value.put("column", column);
        value.put("reason", reason);
        value.put("raw", raw);
        return value;
    }
}
