package io.flead.connect.csv;

import java.util.List;

/**
 * The CSV dialect and the roles of columns, as the parser needs them.
 *
 * @param delimiter field delimiter
 * @param quote quote character, or null for none
 * @param escape escape character, or null for none
 * @param lineMaxBytes the longest accepted record, in bytes
 * @param timeColumn the event-time column
 * @param timeParser parses the event-time column
 * @param labelColumn the 0/1 label column, empty for none
 * @param attackTypeColumn the attack type column, empty for none
 * @param deviceIdColumn the device id column, empty when the id comes from the file name
 * @param keepStrings whether text columns are kept in a 'strings' map
 * @param stringColumns the names of text columns
 */
public record CsvOptions(char delimiter, Character quote, Character escape, int lineMaxBytes,
        String timeColumn, TimeParser timeParser, String labelColumn, String attackTypeColumn,
        String deviceIdColumn, boolean keepStrings, List<String> stringColumns) {

}
