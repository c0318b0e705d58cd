package io.flead.connect.timescale.core;

/**
 * A JSON number kept as its validated text (a span of the record's JSON), for a {@code double precision} column:
 * JSON's number grammar is a subset of PostgreSQL's float8 input, so the text goes into COPY as it arrived,
 * never parsed into a double and printed back.
 */
public final class NumberText implements CharSequence {
    /** A null in a flattened object: written as NULL, but typed, so its column is still {@code double precision}. */
    public static final NumberText NULL = new NumberText("", 0, 0);

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};
    private static final int EXACT_DIGITS = 15;

    private final String source;
    private final int start;
    private final int end;
    /** The value, or NaN (never a JSON number) when it is to be parsed on demand; no flag, so the object stays 32 bytes. */
    private final double value;

    private NumberText(String source, int start, int end) {
        this(source, start, end, Double.NaN);
    }

    private NumberText(String source, int start, int end, double value) {
        this.source = source;
        this.start = start;
        this.end = end;
        this.value = value;
    }

    /**
     * The number spanning {@code source[start, end)}, or null when that text is not a JSON number
     * ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}).
     */
    public static NumberText of(String source, int start, int end) {
        NumberText n = read(source, start, end);
        return n != null && n.end == end ? n : null;
    }

    /** The number in {@code text}, or null when {@code text} is not a JSON number. */
    public static NumberText of(String text) {
        return of(text, 0, text.length());
    }

    /**
     * The JSON number starting at {@code start} (ending at most at {@code limit}), or null if none starts there. In the
     * same pass, a plain decimal of at most 15 digits gets its double: one correctly rounded division of two exact
     * doubles, so {@link #doubleValue()} needs no parsing for the usual sensor values.
     */
    public static NumberText read(String s, int start, int limit) {
        int i = start;
        boolean negative = i < limit && s.charAt(i) == '-';
        if (negative) {
            i++;
        }
        if (i >= limit || !digit(s.charAt(i))) {
            return null;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean exact = true;
        if (s.charAt(i) == '0') {
            i++;
        } else {
            for (; i < limit && digit(s.charAt(i)); i++) {
                exact &= ++digits <= EXACT_DIGITS;
                mantissa = mantissa * 10 + (s.charAt(i) - '0');
            }
        }
        if (i < limit && s.charAt(i) == '.') {
            int first = ++i;
            for (; i < limit && digit(s.charAt(i)); i++) {
                exact &= ++digits <= EXACT_DIGITS;
                mantissa = mantissa * 10 + (s.charAt(i) - '0');
                fraction++;
            }
            if (i == first) {
                return null;
            }
        }
        if (i < limit && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            exact = false;
            int j = i + 1;
            if (j < limit && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int after = digits(s, j, limit);
            if (after == j) {
                return null;
            }
            i = after;
        }
        if (!exact) {
            return new NumberText(s, start, i);
        }
        double magnitude = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return new NumberText(s, start, i, negative ? -magnitude : magnitude);
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

    /** The double nearest to this number (infinite when beyond double's range). */
    public double doubleValue() {
        return value == value ? value : Double.parseDouble(toString()); // value != value only for NaN
    }

    /** Whether the number is within double's range, as PostgreSQL's float8 input demands. */
    public boolean fitsDouble() {
        return value == value || Double.isFinite(doubleValue());
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
