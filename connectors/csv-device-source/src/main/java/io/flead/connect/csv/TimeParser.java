package io.flead.connect.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/** Parses event times to epoch milliseconds by trying a list of formats in order. */
public final class TimeParser {

    /** Returned when no format matches. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final String ISO = "iso";
    private static final String EPOCH_MS = "epoch-ms";
    private static final String EPOCH_S = "epoch-s";

    private final List<Object> formats;
    private final ZoneId zone;
    private final boolean fixedUtc;

    private TimeParser(List<Object> formats, ZoneId zone) {
        this.formats = formats;
        this.zone = zone;
        this.fixedUtc = zone.normalized().equals(ZoneOffset.UTC);
    }

    /** A parser trying {@code formats} in order ('iso', 'epoch-ms', 'epoch-s' or java.time patterns) in {@code zone}. */
    public static TimeParser of(List<String> formats, ZoneId zone) {
        List<Object> compiled = new ArrayList<>();
        for (String f : formats) {
            compiled.add(format(f));
        }
        return new TimeParser(compiled, zone);
    }

    /** Compiles one format name; throws IllegalArgumentException for a bad pattern. */
    static Object format(String name) {
        String f = name.trim();
        switch (f) {
            case ISO: return ISO;
            case EPOCH_MS: return EPOCH_MS;
            case EPOCH_S: return EPOCH_S;
            default: break;
        }
        return DateTimeFormatter.ofPattern(f);
    }

    /** Epoch milliseconds of {@code text}, or {@link #INVALID} when no format matches. */
    public long parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return INVALID;
        }
        for (Object format : formats) {
            long ms = parseWith(format, t);
            if (ms != INVALID) {
                return ms;
            }
        }
        return INVALID;
    }

    private long parseWith(Object format, String t) {
        if (format == ISO) {
            long fast = IsoTimes.parse(t, this);
            return fast != INVALID ? fast : parsePattern(DateTimeFormatter.ISO_DATE_TIME, t);
        }
        if (format == EPOCH_MS) {
            return Numbers.isInteger(t) ? Long.parseLong(t) : INVALID;
        }
        if (format == EPOCH_S) {
            return Numbers.isDecimal(t) ? Math.round(Double.parseDouble(t) * 1000.0) : INVALID;
        }
        return parsePattern((DateTimeFormatter) format, t);
    }

    private long parsePattern(DateTimeFormatter formatter, String t) {
        try {
            TemporalAccessor parsed = formatter.parse(t);
            if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(parsed).toEpochMilli();
            }
            LocalDateTime local = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                    ? LocalDateTime.from(parsed) : LocalDate.from(parsed).atStartOfDay();
            return toEpochMs(local);
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    /** Epoch milliseconds of a local date-time in this parser's zone. */
    long toEpochMs(LocalDateTime local) {
        if (fixedUtc) {
            return local.toEpochSecond(ZoneOffset.UTC) * 1000L + local.getNano() / 1_000_000;
        }
        return local.atZone(zone).toInstant().toEpochMilli();
    }
}
