package io.flead.connect.csv;

import java.util.Map;

/**
 * One good device record, before replay shifts.
 *
 * @param deviceId the device id from the id column, or null when it comes from the file name
 * @param ts event time in epoch milliseconds
 * @param features numeric columns by name (Long or Double)
 * @param label 0, 1 or null
 * @param attackType the attack type or null
 * @param strings kept text columns, or null when text columns are dropped
 */
public record DeviceRow(String deviceId, long ts, Map<String, Object> features, Integer label, String attackType,
        Map<String, String> strings) implements ParsedRow {
}
