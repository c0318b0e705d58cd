package io.flead.bench.e2e;

import java.nio.charset.StandardCharsets;

/** Reads the top-level {@code "seq"} number of a telemetry or anomaly JSON value without a JSON parser (pure). */
public final class JsonSeq {
    private static final byte[] FIELD = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private JsonSeq() {
    }

    /** The first {@code "seq":<n>} in the value; both the source and score write it before any nested object. */
    public static long seq(byte[] json) {
        int at = indexOf(json, FIELD);
        if (at < 0) {
            throw new IllegalArgumentException("no \"seq\" field in value '" + preview(json) + "'");
        }
        int i = at + FIELD.length;
        while (i < json.length && json[i] == ' ') {
            i++;
        }
        long n = 0;
        int digits = 0;
        for (; i < json.length && json[i] >= '0' && json[i] <= '9'; i++, digits++) {
            n = n * 10 + (json[i] - '0');
        }
        if (digits == 0) {
            throw new IllegalArgumentException("\"seq\" is not a number in value '" + preview(json) + "'");
        }
        return n;
    }

    /** The matching key of a row: device id and seq. */
    public static String key(String deviceId, long seq) {
        return deviceId + '#' + seq;
    }

    private static int indexOf(byte[] text, byte[] word) {
        outer:
        for (int i = 0; i + word.length <= text.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (text[i + j] != word[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String preview(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
