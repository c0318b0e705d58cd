package io.flead.connect.timescale;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON texts for comparing the sink's own JSON scanning (ByteArrayConverter) with JsonConverter: DESIGN telemetry,
 * awkward but valid values, tombstones and bad records, in the order they are produced (index = offset).
 */
final class ParityRecords {
    /** How many leading values are DESIGN telemetry, produced first so both tables exist before the rest arrive. */
    static final int LEADING_TELEMETRY = 60;

    private ParityRecords() {
    }

    /** Every value in produce order; null is a Kafka tombstone. */
    static List<String> values(long t0) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < LEADING_TELEMETRY; i++) {
            v.add(SinkFixture.telemetryJson("dev-" + i % 3, i, t0 + i));
        }
        v.add("{\n  \"device_id\" : \"dev-9\",\t\"ts\" : " + (t0 + 100) + " ,\r\n \"seq\" : 100 , \"features\" : { \"a\" : 1.10 ,"
                + " \"b\" : [ 1 , 2.5 , -3e2 ] , \"c\" : null , \"a\" : 2 } }");
        v.add("{\"device_id\":\"dev-9\",\"ts\":\"2026-11-01T00:00:01.5Z\",\"seq\":101,"
                + "\"features\":{\"s\":\"tab\\there \\\"q\\\" \\\\ \\u00e9 \\ud83d\\ude00 </\\/>\"},\"attack_type\":\"é😀 \\u0001\"}");
        v.add("{\"device_id\":\"dev-9\",\"ts\":\"" + (t0 + 102) + "\",\"seq\":102,\"label\":null,\"ok\":true,"
                + "\"score\":1.5e-3,\"n\":9007199254740993,\"weights\":[0.1,0.2],\"we\\\"ird\":\"k\"}");
        v.add("{\"device_id\":\"dev-9\",\"ts\":" + (t0 + 103) + ".0,\"seq\":103,\"seq\":104,\"time\":\"ignored\"}");
        v.add(null);
        v.add("null");
        v.add("{not json");
        v.add("[1,2]");
        v.add("42");
        v.add("{\"device_id\":\"dev-9\",\"seq\":105}");
        v.add("{\"device_id\":\"dev-9\",\"ts\":\"not a time\",\"seq\":106}");
        v.add("{\"device_id\":\"dev-9\",\"ts\":" + (t0 + 107) + ",\"seq\":\"one hundred and seven\"}");
        v.add(SinkFixture.telemetryJson("dev-9", 108, t0 + 108));
        return v;
    }

    /** Whether the value at {@code index} of {@link #values} must land as a row. */
    static boolean isGood(List<String> values, int index) {
        String value = values.get(index);
        return value != null && !value.equals("null") && !badOffsets(values).contains((long) index);
    }

    static long goodRowCount(List<String> values) {
        long n = 0;
        for (int i = 0; i < values.size(); i++) {
            n += isGood(values, i) ? 1 : 0;
        }
        return n;
    }

    /** Offsets of the values that must go to the dead-letter queue. */
    static List<Long> badOffsets(List<String> values) {
        List<Long> bad = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value != null && (value.startsWith("{not") || value.startsWith("[") || value.equals("42")
                    || value.contains("\"seq\":105") || value.contains("not a time") || value.contains("one hundred"))) {
                bad.add((long) i);
            }
        }
        return bad;
    }
}
