package io.flead.datagen;

import java.time.LocalDate;

/**
 * Writes {@code frame.time} as {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC (microseconds), without
 * {@code String.format} or a formatter per row.
 */
final class FrameTimeFormat {

    /** The pattern, for {@link java.time.format.DateTimeFormatter#ofPattern}. */
    static final String PATTERN = "yyyy-MM-dd HH:mm:ss.SSSSSS";

    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate = "";

    /** Appends the UTC time of {@code epochMicros}. */
    void append(StringBuilder out, long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = LocalDate.ofEpochDay(day).toString() + " ";
        }
        out.append(cachedDate);
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2).append('.');
        pad(out, micros, 6);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int limit = 10, digits = 1; digits < width; digits++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }
}
