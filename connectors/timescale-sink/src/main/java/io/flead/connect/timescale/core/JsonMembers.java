package io.flead.connect.timescale.core;

/**
 * A cursor over the members of one JSON object's text, for flattening: a member's key can be compared in place
 * with a known name, and its value is located and classified without being parsed or copied.
 */
public final class JsonMembers extends JsonCursor {
    /** What a member's value is. */
    public enum Kind { NUMBER, NULL, OTHER }

    private final boolean nested;
    private boolean done;
    private boolean first = true;
    private int keyStart;
    private int keyEnd;
    private boolean keyEscaped;
    private int valueStart;
    private Kind kind;
    private NumberText number;

    /** A cursor before the first member of the object in {@code text}; throws if it does not start an object. */
    public JsonMembers(String text) {
        this(text, 0, false);
    }

    /** A cursor before the first member of the object starting at {@code start}, inside a larger text. */
    public JsonMembers(String text, int start) {
        this(text, start, true);
    }

    private JsonMembers(String text, int start, boolean nested) {
        super(text, start);
        this.nested = nested;
        skipWhitespace();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            finish();
        }
    }

    /** Moves to the next member; false at the end of the object. Throws {@link IllegalArgumentException} on bad JSON. */
    public boolean next() {
        if (done) {
            return false;
        }
        if (!first) {
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                finish();
                return false;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
            skipWhitespace();
        }
        first = false;
        scanKey();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        value();
        return true;
    }

    /** Whether the current key is exactly {@code name}, compared in place. */
    public boolean keyIs(String name) {
        return name != null && !keyEscaped && keyEnd - keyStart == name.length()
                && text.regionMatches(keyStart, name, 0, name.length());
    }

    /** The current key, unescaped. */
    public String key() {
        if (!keyEscaped) {
            return text.substring(keyStart, keyEnd);
        }
        String member = "{" + text.substring(keyStart - 1, keyEnd + 1) + ":0}";
        return JsonObjectScanner.parse(member).keySet().iterator().next();
    }

    public Kind kind() {
        return kind;
    }

    /** The current value as a number; only when {@link #kind()} is {@link Kind#NUMBER}. */
    public NumberText number() {
        return number;
    }

    /** The current value's JSON text, as it arrived. */
    public String valueText() {
        return text.substring(valueStart, pos);
    }

    private void scanKey() {
        expect('"');
        keyStart = pos;
        keyEscaped = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                keyEnd = pos++;
                return;
            }
            if (c == '\\') {
                keyEscaped = true;
                pos++;
            }
            pos++;
        }
        throw error("unterminated string");
    }

    private void value() {
        valueStart = pos;
        char c = peek();
        if (c == '-' || (c >= '0' && c <= '9')) {
            number = NumberText.read(text, pos, text.length());
            if (number == null) {
                throw error("expected a value");
            }
            pos += number.length();
            kind = Kind.NUMBER;
        } else if (c == 'n') {
            literal("null");
            kind = Kind.NULL;
        } else {
            skipOther(c);
            kind = Kind.OTHER;
        }
    }

    private void skipOther(char c) {
        switch (c) {
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case '"' -> {
                pos++;
                skipStringRest();
            }
            case '{', '[' -> skipComposite();
            default -> throw error("expected a value");
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value");
        }
        pos += word.length();
    }

    /** The position just after the object's closing brace, once {@link #next()} has returned false. */
    public int end() {
        return pos;
    }

    /** The current key's span in the text, and whether it holds escapes. */
    int keyStart() {
        return keyStart;
    }

    int keyEnd() {
        return keyEscaped ? -keyEnd - 1 : keyEnd;
    }

    int valueStart() {
        return valueStart;
    }

    int valueEnd() {
        return pos;
    }

    @Override
    String what() {
        return "JSON object";
    }

    private void finish() {
        done = true;
        if (nested) {
            return;
        }
        skipWhitespace();
        if (pos < text.length()) {
            throw error("unexpected text after the object");
        }
    }
}
