package io.flead.connect.csv;

/** Parses CSV number text to Long or Double without exceptions for the common cases. */
final class Numbers {

    private Numbers() {
    }

    /**
     * The number in {@code s} (Long for integers and 0x hex, Double otherwise), or null when it is not a number or
     * lies beyond a double's range: the result is never infinite or NaN, which JSON cannot hold.
     */
    static Number parse(String s) {
        int n = s.length();
        if (n == 0) {
            return null;
        }
        if (n <= 18 && isInteger(s)) {
            return parseLong(s);
        }
        if (n > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            return parseHex(s);
        }
        if (isDecimal(s)) {
            double d = Double.parseDouble(s);
            return Double.isInfinite(d) ? null : d;
        }
        return null;
    }

    /** Whether {@code s} is decimal number text whose value lies beyond the range of a double (such as 1e309). */
    static boolean overflows(String s) {
        return isDecimal(s) && Double.isInfinite(Double.parseDouble(s));
    }

    /** Whether {@code s} is an optionally signed run of decimal digits. */
    static boolean isInteger(String s) {
        int n = s.length();
        int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (i == n) {
            return false;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a finite decimal number: sign, digits, optional fraction, optional exponent. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; exp++; }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static Long parseLong(String s) {
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        long v = 0;
        for (int k = i; k < s.length(); k++) {
            v = v * 10 + (s.charAt(k) - '0');
        }
        return s.charAt(0) == '-' ? -v : v;
    }

    private static Long parseHex(String s) {
        if (s.length() > 17) {
            return null;
        }
        long v = 0;
        for (int i = 2; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return null;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
