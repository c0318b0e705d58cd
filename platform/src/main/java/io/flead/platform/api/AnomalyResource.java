package io.flead.platform.api;

import io.flead.platform.analytics.MinuteSplit;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /api/anomalies/latest} and {@code /api/anomalies/count}, read through the time indexes. */
final class AnomalyResource {
    static final int MAX_LIMIT = 500;
    static final Duration MAX_RANGE = Duration.ofDays(31);
    static final int MAX_BUCKETS = 1440;
    static final String COLUMNS = "time, device_id, seq, score, threshold, model_version, method, label, top_features";
    static final String LATEST = "SELECT " + COLUMNS + " FROM anomalies ORDER BY time DESC, device_id, seq LIMIT ?";
    static final String LATEST_OF_DEVICE = "SELECT " + COLUMNS + " FROM anomalies WHERE device_id = ? "
        + "ORDER BY time DESC, seq DESC LIMIT ?";
    static final String NEWEST = "SELECT max(time) AS t FROM anomalies";
    static final String NEWEST_OF_DEVICE = "SELECT max(time) AS t FROM anomalies WHERE device_id = ?";
    static final String COUNT = "SELECT count(*) AS n FROM anomalies WHERE time > ? AND time <= ? "
        + "AND (?::text IS NULL OR device_id = ?)";
    /** Whole minutes from the per-minute aggregate, the edges of the range from the rows: see {@link MinuteSplit}. */
    static final String COUNT_BY_MINUTES = "SELECT (SELECT coalesce(sum(anomalies), 0) FROM anomaly_device_minute "
        + "WHERE bucket >= ? AND bucket < ? AND (?::text IS NULL OR device_id = ?)) + (SELECT count(*) FROM anomalies "
        + "WHERE ((time > ? AND time < ?) OR (time >= ? AND time <= ?)) AND (?::text IS NULL OR device_id = ?)) AS n";
    static final String BUCKETS = "SELECT date_bin(?::interval, time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS time, "
        + "count(*) AS count FROM anomalies WHERE time > ? AND time <= ? AND (?::text IS NULL OR device_id = ?) "
        + "GROUP BY 1 ORDER BY 1";
    /**
     * The same buckets (of whole minutes, so each minute lies in one bucket) from the per-minute aggregate's whole
     * minutes plus the rows at the range's edges, as {@link #COUNT_BY_MINUTES} splits it.
     */
    static final String BUCKETS_BY_MINUTES = "SELECT time, sum(n)::bigint AS count FROM ("
        + "SELECT date_bin(?::interval, bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS time, sum(anomalies) AS n "
        + "FROM anomaly_device_minute WHERE bucket >= ? AND bucket < ? AND (?::text IS NULL OR device_id = ?) GROUP BY 1 "
        + "UNION ALL SELECT date_bin(?::interval, time, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM anomalies "
        + "WHERE ((time > ? AND time < ?) OR (time >= ? AND time <= ?)) AND (?::text IS NULL OR device_id = ?) GROUP BY 1"
        + ") parts GROUP BY 1 ORDER BY 1";

    private final Database db;

    AnomalyResource(Database db) {
        this.db = db;
    }

    Object latest(Request r) throws SQLException {
        QueryParams q = r.query().allowOnly(Set.of("limit", "device"));
        int limit = q.intValue("limit", 50, 1, MAX_LIMIT);
        String device = q.name("device");
        if (!db.tableExists("anomalies")) {
            return List.of();
        }
        return device == null ? db.rows(LATEST, limit) : db.rows(LATEST_OF_DEVICE, device, limit);
    }

    /**
     * Anomalies in the range ending at {@code until} (default: the newest anomaly, so replayed event times work),
     * optionally in buckets of {@code bucket}.
     */
    Object count(Request r) throws SQLException {
        QueryParams q = r.query().allowOnly(Set.of("range", "device", "until", "bucket"));
        String rangeText = q.raw("range") == null ? "1h" : q.raw("range");
        Duration range = TimeRange.parse("range", rangeText, Duration.ofSeconds(1), MAX_RANGE);
        String device = q.name("device");
        Instant until = until(q.raw("until"));
        Duration bucket = q.raw("bucket") == null ? null
            : TimeRange.parse("bucket", q.raw("bucket"), Duration.ofSeconds(1), Duration.ofDays(1));
        if (bucket != null && range.dividedBy(bucket) > MAX_BUCKETS) {
            throw ApiException.badParameter("bucket", q.raw("bucket"), "gives more than " + MAX_BUCKETS
                + " buckets over range " + rangeText);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("range", TimeRange.text(range));
        answer.put("device", device);
        boolean table = db.tableExists("anomalies");
        if (until == null) {
            until = table ? newest(device) : null;
        }
        if (until == null) {
            answer.put("count", 0);
            return answer;
        }
        OffsetDateTime from = OffsetDateTime.ofInstant(until.minus(range), ZoneOffset.UTC);
        OffsetDateTime to = OffsetDateTime.ofInstant(until, ZoneOffset.UTC);
        answer.put("from", from.toInstant().toString());
        answer.put("to", until.toString());
        answer.put("count", table ? count(from.toInstant(), until, device, answer) : 0);
        if (bucket != null) {
            answer.put("bucket", TimeRange.text(bucket));
            answer.put("buckets", table ? buckets(bucket, from.toInstant(), until, device, answer) : List.of());
        }
        return answer;
    }

    /**
     * The anomalies in {@code (from, to]}: through the continuous aggregate {@code anomaly_device_minute} when the
     * database has it (TimescaleDB), else by counting the rows; {@code source} in the answer says which.
     */
    private Object count(Instant from, Instant to, String device, Map<String, Object> answer) throws SQLException {
        Optional<MinuteSplit> split = MinuteSplit.of(from, to);
        if (split.isPresent() && db.minuteAggregates()) {
            MinuteSplit s = split.get();
            answer.put("source", "minute_aggregate");
            return db.rows(COUNT_BY_MINUTES, utc(s.wholeFrom()), utc(s.wholeTo()), device, device, utc(s.from()),
                utc(s.wholeFrom()), utc(s.wholeTo()), utc(s.to()), device, device).get(0).get("n");
        }
        answer.put("source", "rows");
        return db.rows(COUNT, utc(from), utc(to), device, device).get(0).get("n");
    }

    /**
     * The anomalies in {@code (from, to]} per bucket: through {@code anomaly_device_minute} when it is a continuous
     * aggregate and the buckets are whole minutes, else from the rows; {@code buckets_source} says which.
     */
    private List<Map<String, Object>> buckets(Duration bucket, Instant from, Instant to, String device,
                                              Map<String, Object> answer) throws SQLException {
        String width = bucket.getSeconds() + " seconds";
        Optional<MinuteSplit> split = MinuteSplit.of(from, to);
        if (bucket.getSeconds() % 60 == 0 && split.isPresent() && db.minuteAggregates()) {
            MinuteSplit s = split.get();
            answer.put("buckets_source", "minute_aggregate");
            return db.rows(BUCKETS_BY_MINUTES, width, utc(s.wholeFrom()), utc(s.wholeTo()), device, device, width,
                utc(s.from()), utc(s.wholeFrom()), utc(s.wholeTo()), utc(s.to()), device, device);
        }
        answer.put("buckets_source", "rows");
        return db.rows(BUCKETS, width, utc(from), utc(to), device, device);
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private Instant newest(String device) throws SQLException {
        Object t = (device == null ? db.rows(NEWEST) : db.rows(NEWEST_OF_DEVICE, device)).get(0).get("t");
        return t == null ? null : Instant.parse((String) t);
    }

    private static Instant until(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("until", text, "must be an ISO-8601 instant such as 2021-01-01T00:00:00Z");
        }
    }
}
