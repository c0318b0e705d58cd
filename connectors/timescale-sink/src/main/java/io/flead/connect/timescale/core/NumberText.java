package io.flead.connect.timescale.core;

/**
 * A JSON number kept as its validated text (a span of the record's JSON), for a {@code double precision} column:
 * JSON's number grammar is a subset of PostgreSQL's float8 input, so the text goes into COPY as it arrived,
 * never parsed into a double and printed back.
 */
public final class NumberText implements CharSequence {
    /** A null in a flattened object: written as NULL, but typed, so its column is still {@code double precision}. */
    public static final NumberText NULL = new NumberText("", 0, 0);

    private final String source;
    private final int start;
    private final int end;

    private NumberText(String source, int start, int end) {
        this.source = source;
        this.start = start;
        this.end = end;
    }

    /**
     * The number spanning {@code source[start, end)}, or null when that text is not a JSON number
     * ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}).
     */
    public static NumberText of(String source, int start, int end) {
        return end == scan(source, start, end) && end > start ? new NumberText(source, start, end) : null;
    }

    /** A span already checked by {@link #scan}. */
    static NumberText trusted(String source, int start, int end) {
        return new NumberText(source, start, end);
    }

    /** The number in {@code text}, or null when {@code text} is not a JSON number. */
    public static NumberText of(String text) {
        return of(text, 0, text.length());
    }

    /** The end of the JSON number starting at {@code start} (at most {@code limit}); {@code start} if there is none. */
    public static int scan(CharSequence s, int start, int limit) {
        int i = start;
        if (i < limit && s.charAt(i) == '-') {
            i++;
        }
        if (i >= limit || !digit(s.charAt(i))) {
            return start;
        }
        i = s.charAt(i) == '0' ? i + 1 : digits(s, i, limit);
        if (i < limit && s.charAt(i) == '.') {
            int after = digits(s, i + 1, limit);
            if (after == i + 1) {
                return start;
            }
            i = after;
        }
        if (i < limit && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < limit && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int after = digits(s, j, limit);
            if (after == j) {
                return start;
            }
            i = after;
        }
        return i;
    }

    private static int digits(CharSequence s, int i, int limit) {
        while (i < limit && digit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether the text has no fraction and no exponent. */
    public boolean integral() {
        for (int i = start; i < end; i++) {
            char c = source.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /** Appends the number's text, which needs no escaping in any COPY format. */
    public void appendTo(StringBuilder out) {
        out.append(source, start, end);
    }

    public double doubleValue() {
        return Double.parseDouble(toString());
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        return source.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return source.subSequence(start + from, start + to);
    }

    @Override
    public String toString() {
        return this == NULL ? "null" : source.substring(start, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberText other && (this == NULL) == (other == NULL) && other.length() == length()
                && source.regionMatches(start, other.source, other.start, length());
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + source.charAt(i);
        }
        return h;
    }
}
