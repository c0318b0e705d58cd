package io.flead.connect.csv;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the fields of one CSV record by column role into a {@link DeviceRow}; one instance per record. */
final class RowFields {

    private final TimeParser timeParser;
    private final FeatureMap features;
    private final Map<String, String> strings;
    private long ts = TimeParser.INVALID;
    private Integer label;
    private String attackType;
    private String deviceId;

    RowFields(ColumnPlan plan, TimeParser timeParser, boolean keepStrings) {
        this.timeParser = timeParser;
        this.features = new FeatureMap(plan.featureNames());
        this.strings = keepStrings ? new LinkedHashMap<>(plan.stringCount() * 4 / 3 + 2) : null;
    }

    /** Takes the value of column {@code i}; returns what is wrong with it, or null. */
    String accept(ColumnPlan plan, int i, String v) {
        return switch (plan.role(i)) {
            case NUMBER -> number(plan.featureSlot(i), v);
            case TIME -> time(v);
            case LABEL -> label(v);
            case ATTACK_TYPE -> {
                attackType = v.isEmpty() ? null : v;
                yield null;
            }
            case DEVICE_ID -> deviceId(v);
            case STRING -> {
                if (strings != null) {
                    strings.put(plan.name(i), v);
                }
                yield null;
            }
        };
    }

    DeviceRow toRow() {
        return new DeviceRow(deviceId, ts, features, label, attackType, strings);
    }

    private String number(int slot, String v) {
        if (v.isEmpty()) {
            return null;
        }
        Number n = Numbers.parse(v);
        if (n == null) {
            return Numbers.overflows(v) ? "number '" + v + "' overflows a double" : "unparseable number '" + v + "'";
        }
        features.add(slot, n);
        return null;
    }

    private String time(String v) {
        ts = timeParser.parse(v);
        return ts == TimeParser.INVALID ? "bad time '" + v + "'" : null;
    }

    private String label(String v) {
        switch (v.trim()) {
            case "" -> label = null;
            case "0", "0.0" -> label = 0;
            case "1", "1.0" -> label = 1;
            default -> {
                return "label '" + v + "' is not 0 or 1";
            }
        }
        return null;
    }

    private String deviceId(String v) {
        if (v.isEmpty()) {
            return "empty device id";
        }
        deviceId = v;
        return null;
    }
}
