package io.flead.connect.timescale.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an instant as PostgreSQL timestamptz input text in UTC with microseconds
 * ({@code 2026-11-01 00:00:00.000000+00:00}), by arithmetic for years 0 to 9999 since this runs for every row.
 */
public final class TimestampText {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);
    private static final long DAYS_0000_TO_1970 = 719_528L;
    private static final long DAYS_9999_TO_1970 = 2_932_896L;

    private TimestampText() {
    }

    /** Appends {@code instant} as {@code uuuu-MM-dd HH:mm:ss.SSSSSS+00:00} to {@code out}. */
    public static void append(StringBuilder out, Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        if (days < -DAYS_0000_TO_1970 || days > DAYS_9999_TO_1970) {
            FORMAT.formatTo(instant, out);
            return;
        }
        appendDate(out, days);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        out.append(' ');
        pad(out, secondOfDay / 3600, 2);
        out.append(':');
        pad(out, secondOfDay / 60 % 60, 2);
        out.append(':');
        pad(out, secondOfDay % 60, 2);
        out.append('.');
        pad(out, instant.getNano() / 1000, 6);
        out.append("+00:00");
    }

    /** Civil date from days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's days_from_civil inverse. */
    private static void appendDate(StringBuilder out, long epochDays) {
        long z = epochDays + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long dayOfEra = z - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        pad(out, (int) year, 4);
        out.append('-');
        pad(out, month, 2);
        out.append('-');
        pad(out, day, 2);
    }

    private static void pad(StringBuilder out, int value, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        out.append(value);
    }
}
