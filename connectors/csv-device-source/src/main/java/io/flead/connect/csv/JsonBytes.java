package io.flead.connect.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes record values (maps of strings, numbers, booleans, nulls and nested maps) as compact UTF-8 JSON, the
 * same text Connect's JsonConverter writes for them with schemas disabled; not thread-safe, the buffer is reused.
 * Infinite and NaN numbers are refused with an {@link IllegalArgumentException} rather than written as strings.
 */
public final class JsonBytes {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[2048];
    private int len;

    /** The JSON bytes of {@code value}; throws IllegalArgumentException when it holds an infinite or NaN number. */
    public byte[] write(Map<String, ?> value) {
        len = 0;
        writeMap(value);
        return Arrays.copyOf(buf, len);
    }

    private void writeMap(Map<String, ?> map) {
        put((byte) '{');
        boolean first = true;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            writeString(e.getKey());
            put((byte) ':');
            writeValue(e.getValue());
        }
        put((byte) '}');
    }

    @SuppressWarnings("unchecked")
    private void writeValue(Object v) {
        if (v == null) {
            putAll(NULL);
        } else if (v instanceof String s) {
            writeString(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            writeLong(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            writeDouble(((Number) v).doubleValue());
        } else if (v instanceof Boolean b) {
            writeAscii(b ? "true" : "false");
        } else if (v instanceof FeatureMap features) {
            writeFeatures(features);
        } else if (v instanceof Map<?, ?> m) {
            writeMap((Map<String, ?>) m);
        } else {
            writeString(v.toString());
        }
    }

    private void writeFeatures(FeatureMap features) {
        put((byte) '{');
        FeatureNames names = features.names();
        for (int i = 0; i < features.size(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            putAll(names.jsonKey(features.slotAt(i)));
            writeValue(features.valueAt(i));
        }
        put((byte) '}');
    }

    private void writeLong(long v) {
        if (v >= 0 && v < 10) {
            put((byte) ('0' + v));
        } else {
            writeAscii(Long.toString(v));
        }
    }

    private void writeDouble(double d) {
        // JsonConverter would write "Infinity" or "NaN" as a string, turning a number into text downstream
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON cannot hold " + d + ": not a finite number");
        }
        writeAscii(Double.toString(d));
    }

    private void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void writeString(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (Character.isSurrogate(c)) {
                // Jackson (and so JsonConverter) writes characters outside the BMP as escaped surrogate pairs
                hexEscape(c);
            } else {
                writeUtf8(c);
            }
        }
        buf[len++] = '"';
    }

    private void escape(char c) {
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                len--;
                hexEscape(c);
            }
        }
    }

    private void hexEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xF];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    private void writeUtf8(char c) {
        if (c < 0x800) {
            buf[len++] = (byte) (0xC0 | (c >> 6));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        } else {
            buf[len++] = (byte) (0xE0 | (c >> 12));
            buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void putAll(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
