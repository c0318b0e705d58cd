package io.flead.connect.timescale.core;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the top level of a JSON object straight from its text: scalars become String, Long, Double, Boolean or
 * null; nested objects and arrays stay as their raw text ({@link JsonValue}) for jsonb, never re-serialised.
 * This is the sink's fast path for values delivered as JSON text (StringConverter or ByteArrayConverter).
 */
public final class JsonObjectScanner extends JsonCursor {
    private final Set<String> objectFields;

    private JsonObjectScanner(String text, Set<String> objectFields) {
        super(text, 0);
        this.objectFields = objectFields;
    }

    @Override
    String what() {
        return "JSON";
    }

    /** The fields of the JSON object in {@code text}; throws {@link IllegalArgumentException} naming the position. */
    public static Map<String, Object> parse(String text) {
        return new JsonObjectScanner(text, Set.of()).object();
    }

    /** Like {@link #parse}, but the JSON literal {@code null} (a tombstone written as text) gives null. */
    public static Map<String, Object> parseOrNull(String text) {
        return parseOrNull(text, Set.of());
    }

    /**
     * Like {@link #parseOrNull(String)}, but an object in a field of {@code objectFields} (the fields to flatten) is
     * read member by member into a {@link FlatObject} in the same pass, instead of being kept as raw text.
     */
    public static Map<String, Object> parseOrNull(String text, Set<String> objectFields) {
        JsonObjectScanner scanner = new JsonObjectScanner(text, objectFields);
        scanner.skipWhitespace();
        if (scanner.pos < text.length() && text.charAt(scanner.pos) == 'n') {
            scanner.literal("null", null);
            scanner.skipWhitespace();
            if (scanner.pos < text.length()) {
                throw scanner.error("unexpected text after null");
            }
            return null;
        }
        return scanner.object();
    }

    private Map<String, Object> object() {
        Map<String, Object> fields = new LinkedHashMap<>();
        skipWhitespace();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return end(fields);
        }
        while (true) {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (!objectFields.isEmpty() && objectFields.contains(key) && peek() == '{') {
                FlatObject object = FlatObject.read(text, pos);
                pos = object.end();
                fields.put(key, object);
            } else {
                fields.put(key, value());
            }
            skipWhitespace();
            char c = nextChar();
            if (c == '}') {
                return end(fields);
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Map<String, Object> end(Map<String, Object> fields) {
        skipWhitespace();
        if (pos < text.length()) {
            throw error("unexpected text after the object");
        }
        return fields;
    }

    private Object value() {
        char c = peek();
        switch (c) {
            case '"':
                return string();
            case '{':
            case '[':
                return new JsonValue(composite());
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
        return value;
    }

    private Object number() {
        int start = pos;
        boolean integral = true;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.' || c == 'e' || c == 'E') {
                integral = false;
            } else if (!(c >= '0' && c <= '9' || c == '-' || c == '+')) {
                break;
            }
            pos++;
        }
        String digits = text.substring(start, pos);
        try {
            if (!integral) {
                return Double.parseDouble(digits);
            }
            if (digits.length() < 19) {
                return Long.parseLong(digits);
            }
            BigInteger big = new BigInteger(digits);
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        } catch (NumberFormatException e) {
            pos = start;
            throw error("expected a value");
        }
    }

    /** Scans a nested object or array, string-aware, and returns its raw text. */
    private String composite() {
        int start = pos;
        skipComposite();
        return text.substring(start, pos);
    }

    private String string() {
        expect('"');
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            pos++;
        }
        throw error("unterminated string");
    }

    private String escapedString(int start) {
        StringBuilder out = new StringBuilder(text.length() - start);
        out.append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> out.append(unicodeEscape());
                case '"', '\\', '/' -> out.append(e);
                default -> throw error("invalid escape \\" + e);
            }
        }
        throw error("unterminated string");
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("short \\u escape");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("invalid \\u escape");
        }
    }
}
