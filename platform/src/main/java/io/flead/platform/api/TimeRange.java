package io.flead.platform.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the API's duration text ({@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}) within bounds. */
public final class TimeRange {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,6})([smhd])");

    private TimeRange() {
    }

    /** The duration of {@code text}; a 400 naming {@code parameter} when malformed or outside [min, max]. */
    public static Duration parse(String parameter, String text, Duration min, Duration max) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw ApiException.badParameter(parameter, text, "expected a number and a unit s, m, h or d, e.g. 5m, 1h, 1d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw ApiException.badParameter(parameter, text, "must be between " + text(min) + " and " + text(max));
        }
        return d;
    }

    /** The shortest text for a duration ({@code 90s}, {@code 5m}, {@code 30d}). */
    public static String text(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
