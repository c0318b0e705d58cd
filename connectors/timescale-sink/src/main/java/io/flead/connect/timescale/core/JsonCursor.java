package io.flead.connect.timescale.core;

/**
 * A position in JSON text with the moves both JSON readers of the fast path share: whitespace, the next
 * character, an expected character, and errors that name the character offset.
 */
abstract class JsonCursor {
    final String text;
    int pos;

    JsonCursor(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /** What the reader reads, for error messages: "JSON" or "JSON object". */
    abstract String what();

    final void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    final char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        return text.charAt(pos);
    }

    final char nextChar() {
        char c = peek();
        pos++;
        return c;
    }

    final void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** Moves past a nested object or array (at its opening bracket), string-aware. */
    final void skipComposite() {
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                skipStringRest();
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return;
            }
        }
        throw error("unterminated object or array");
    }

    /** Moves past the rest of a string whose opening quote is behind. */
    final void skipStringRest() {
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '"') {
                return;
            }
        }
        throw error("unterminated string");
    }

    final IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("malformed " + what() + " at character " + pos + ": " + problem);
    }
}
