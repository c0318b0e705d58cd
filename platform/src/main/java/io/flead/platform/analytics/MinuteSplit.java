package io.flead.platform.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A time range {@code (from, to]} cut for a count that reads whole minutes from a per-minute aggregate: the minutes
 * {@code [wholeFrom, wholeTo)} lie entirely inside the range, and only the edges {@code (from, wholeFrom)} and
 * {@code [wholeTo, to]} are counted from the rows. The answer is then exact, not rounded to minutes.
 */
public record MinuteSplit(Instant from, Instant wholeFrom, Instant wholeTo, Instant to) {
    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

    /** The split of {@code (from, to]}, or empty when it holds no whole minute. */
    public static Optional<MinuteSplit> of(Instant from, Instant to) {
        // the first minute after from's own: from's minute starts at or before from, which (from, to] excludes
        Instant wholeFrom = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), MINUTE_MS) * MINUTE_MS + MINUTE_MS);
        Instant wholeTo = Instant.ofEpochMilli(Math.floorDiv(to.toEpochMilli(), MINUTE_MS) * MINUTE_MS);
        return wholeFrom.isBefore(wholeTo) ? Optional.of(new MinuteSplit(from, wholeFrom, wholeTo, to)) : Optional.empty();
    }
}
