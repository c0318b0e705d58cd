package io.flead.connect.csv;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/** A fast parser of the common ISO-8601 shape {@code yyyy-MM-dd[T ]HH:mm:ss[.fraction][Z|±hh:mm]}. */
final class IsoTimes {

    private IsoTimes() {
    }

    /** Epoch ms, or {@link TimeParser#INVALID} when {@code t} has another shape (callers then try java.time). */
    static long parse(String t, TimeParser zoneSource) {
        int n = t.length();
        if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(13) != ':' || t.charAt(16) != ':'
                || (t.charAt(10) != 'T' && t.charAt(10) != ' ')) {
            return TimeParser.INVALID;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return TimeParser.INVALID;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            int scale = 100_000_000;
            while (i < n && isDigit(t.charAt(i))) {
                nanos += (t.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start || i - start > 9) {
                return TimeParser.INVALID;
            }
        }
        long offsetSeconds = 0;
        boolean hasOffset = false;
        if (i < n) {
            offsetSeconds = offset(t, i);
            if (offsetSeconds == Long.MIN_VALUE) {
                return TimeParser.INVALID;
            }
            hasOffset = true;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return TimeParser.INVALID;
        }
        if (!hasOffset) {
            return zoneSource.toEpochMs(local);
        }
        long epochSecond = local.toEpochSecond(java.time.ZoneOffset.UTC) - offsetSeconds;
        return epochSecond * 1000L + nanos / 1_000_000;
    }

    private static long offset(String t, int i) {
        int n = t.length();
        char c = t.charAt(i);
        if (c == 'Z' && i == n - 1) {
            return 0;
        }
        if ((c != '+' && c != '-') || (n - i != 6 && n - i != 5) ) {
            return Long.MIN_VALUE;
        }
        int hours = digits(t, i + 1, 2);
        int minutes = n - i == 6 && t.charAt(i + 3) == ':' ? digits(t, i + 4, 2) : n - i == 5 ? digits(t, i + 3, 2) : -1;
        if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
            return Long.MIN_VALUE;
        }
        long seconds = hours * 3600L + minutes * 60L;
        return c == '-' ? -seconds : seconds;
    }

    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
