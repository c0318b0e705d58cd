package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.flead.embedded.EmbeddedPostgres;
import io.flead.embedded.TimescaleDb;
import io.flead.embedded.testing.TimescaleDbExtension;
import io.flead.platform.analytics.MinuteAggregates;
import io.flead.platform.analytics.MinuteSplit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-minute aggregates on a real TimescaleDB (continuous aggregates) and on plain PostgreSQL 17 (date_bin
 * views) over the same rows, written in the sink's column layout in the order a pipeline writes them: telemetry and
 * anomalies first, drift alerts later, and late rows into minutes already materialised. Both paths must give the
 * same numbers, and so must the API's anomaly count and buckets and its per-device totals through the aggregates and
 * over the rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinuteAggregatesIT {
    @RegisterExtension
    static final TimescaleDbExtension TIMESCALE = new TimescaleDbExtension();
    private static final Instant START = Instant.parse("2021-11-10T08:00:17.250Z");
    private static final int DEVICES = 4;

    private EmbeddedPostgres postgres;
    private Connection ts;
    private Connection pg;
    private MinuteAggregates.Result firstTs;
    private MinuteAggregates.Result firstPg;

    @BeforeAll
    void writeTheSameRowsToBoth() throws SQLException {
        TimescaleDb timescale = TIMESCALE.server();
        ts = timescale.connect(timescale.createDatabase("minute_aggregates_it"));
        postgres = EmbeddedPostgres.startTemporary();
        pg = postgres.connect();
        for (Connection c : List.of(ts, pg)) {
            createTable(c, "telemetry", "device_id text NOT NULL, seq bigint NOT NULL, features jsonb, label integer");
            createTable(c, "anomalies", "device_id text NOT NULL, seq bigint NOT NULL, score double precision, threshold double precision");
            write(c, 0, 1200);
            firstPg = c == pg ? MinuteAggregates.create(c) : firstPg;
            firstTs = c == ts ? MinuteAggregates.create(c) : firstTs;
        }
        MinuteAggregates.refresh(ts);
        for (Connection c : List.of(ts, pg)) {
            createTable(c, "drift_alerts", "device_id text NOT NULL, feature text, severity text, method text");
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO drift_alerts SELECT time + INTERVAL '3 seconds', device_id, 'tcp.len', 'warn' "
                    + "FROM anomalies WHERE seq % 5 = 0");
            }
            write(c, 1200, 1500); // late rows: the same minutes again, below the aggregates' last refresh
            assertThat(MinuteAggregates.create(c).complete()).isTrue();
        }
        MinuteAggregates.refresh(ts); // what the refresh policy does on its schedule
    }

    @AfterAll
    void stop() throws SQLException {
        for (AutoCloseable c : new AutoCloseable[] {ts, pg, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void relationsWaitForTheirSinkTablesAndAreContinuousAggregatesOnlyOnTimescaleDb() throws SQLException {
        for (MinuteAggregates.Result first : List.of(firstTs, firstPg)) {
            assertThat(first.made()).containsExactly("telemetry_device_minute", "anomaly_device_minute", "device_minute");
            assertThat(first.waiting()).containsExactly("drift_device_minute", "fleet_minute");
        }
        assertThat(firstTs.kind()).isEqualTo(MinuteAggregates.Kind.CONTINUOUS_AGGREGATES);
        assertThat(firstPg.kind()).isEqualTo(MinuteAggregates.Kind.DATE_BIN_VIEWS);
        assertThat(MinuteAggregates.continuousAggregates(ts)).containsExactlyInAnyOrderElementsOf(MinuteAggregates.PER_DEVICE);
        assertThat(MinuteAggregates.continuousAggregates(pg)).isEmpty();
        assertThat(rows(ts, "SELECT hypertable_name, schedule_interval::text FROM timescaledb_information.jobs "
            + "WHERE proc_name = 'policy_refresh_continuous_aggregate' ORDER BY 1")).hasSize(3)
            .allSatisfy(r -> assertThat(r.get(1)).isEqualTo("00:00:30"));
    }

    @Test
    void deviceMinuteIsTheSameOnBothDatabases() throws SQLException {
        String sql = "SELECT bucket, device_id, rows, anomalies, anomaly_rate, mean_score, mean_tcp_len, mean_mqtt_len "
            + "FROM device_minute ORDER BY 1, 2";
        List<List<Object>> expected = rows(pg, sql);
        assertThat(expected).hasSizeGreaterThan(DEVICES * 30);
        assertSameNumbers(rows(ts, sql), expected);
        assertThat(rows(pg, "SELECT sum(rows)::bigint, sum(anomalies)::bigint FROM device_minute").get(0))
            .isEqualTo(rows(pg, "SELECT (SELECT count(*) FROM telemetry), (SELECT count(*) FROM anomalies)").get(0));
    }

    @Test
    void fleetMinuteIsTheSameOnBothDatabasesAndAddsUpToTheTables() throws SQLException {
        String sql = "SELECT bucket, rows, anomalies, drift_alerts FROM fleet_minute ORDER BY 1";
        assertSameNumbers(rows(ts, sql), rows(pg, sql));
        assertThat(rows(ts, "SELECT sum(rows)::bigint, sum(anomalies)::bigint, sum(drift_alerts)::bigint FROM fleet_minute").get(0))
            .isEqualTo(rows(ts, "SELECT (SELECT count(*) FROM telemetry), (SELECT count(*) FROM anomalies), "
                + "(SELECT count(*) FROM drift_alerts)").get(0));
    }

    @Test
    void apiAnomalyCountThroughTheAggregateEqualsTheRowsInRangesCuttingMinutes() throws SQLException {
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            Instant from = START.plusMillis(random.nextInt(50 * 60_000) - 60_000);
            Instant to = from.plusMillis(random.nextInt(30 * 60_000));
            String device = i % 3 == 0 ? null : "device_" + random.nextInt(DEVICES);
            long rows = count(ts, AnomalyResource.COUNT, utc(from), utc(to), device, device);
            assertThat(count(pg, AnomalyResource.COUNT, utc(from), utc(to), device, device)).isEqualTo(rows);
            MinuteSplit.of(from, to).ifPresent(s -> assertThat(count(ts, AnomalyResource.COUNT_BY_MINUTES,
                utc(s.wholeFrom()), utc(s.wholeTo()), device, device, utc(from), utc(s.wholeFrom()), utc(s.wholeTo()),
                utc(to), device, device)).as("(" + from + ", " + to + "] " + device).isEqualTo(rows));
        }
        assertThat(count(ts, "SELECT count(*) FROM anomalies")).isPositive();
    }

    @Test
    void apiAnomalyBucketsThroughTheAggregateEqualTheRowsForWholeMinuteBuckets() throws SQLException {
        Random random = new Random(11);
        List<String> widths = List.of("60 seconds", "300 seconds", "420 seconds", "3600 seconds");
        int compared = 0;
        long anomalies = 0;
        for (int i = 0; i < 40; i++) {
            Instant from = START.plusMillis(random.nextInt(50 * 60_000) - 60_000);
            Instant to = from.plusMillis(random.nextInt(40 * 60_000));
            String device = i % 3 == 0 ? null : "device_" + random.nextInt(DEVICES);
            String width = widths.get(i % widths.size());
            List<List<Object>> expected = rows(pg, AnomalyResource.BUCKETS, width, utc(from), utc(to), device, device);
            assertThat(rows(ts, AnomalyResource.BUCKETS, width, utc(from), utc(to), device, device)).isEqualTo(expected);
            Optional<MinuteSplit> split = MinuteSplit.of(from, to);
            if (split.isPresent()) {
                MinuteSplit s = split.get();
                assertThat(rows(ts, AnomalyResource.BUCKETS_BY_MINUTES, width, utc(s.wholeFrom()), utc(s.wholeTo()), device,
                    device, width, utc(from), utc(s.wholeFrom()), utc(s.wholeTo()), utc(to), device, device))
                    .as("(" + from + ", " + to + "] " + device + " by " + width).isEqualTo(expected);
                compared++;
                anomalies += expected.stream().mapToLong(r -> (Long) r.get(1)).sum();
            }
        }
        assertThat(compared).isGreaterThan(30);
        assertThat(anomalies).isPositive();
    }

    @Test
    void deviceTotalsThroughTheAggregatesEqualTheRows() throws SQLException {
        assertThat(MinuteAggregates.deviceTotals(ts)).isTrue();
        assertThat(MinuteAggregates.deviceTotals(pg)).isFalse();
        List<List<Object>> expected = rows(pg, DeviceCatalog.sql(true, true, false), 1000);
        assertThat(expected).hasSize(DEVICES);
        assertSameNumbers(rows(ts, DeviceCatalog.sql(true, true, true), 1000), expected);
        for (int d = 0; d < DEVICES; d++) {
            String device = "device_" + d;
            List<List<Object>> one = rows(pg, DeviceCatalog.ONE, device, device, device);
            assertThat(one).hasSize(1);
            assertSameNumbers(rows(ts, DeviceCatalog.ONE_BY_MINUTES, device, device, device), one);
        }
        assertThat(expected.stream().mapToLong(r -> (Long) r.get(1)).sum()).isEqualTo(count(pg, "SELECT count(*) FROM telemetry"));
        assertThat(expected.stream().mapToLong(r -> (Long) r.get(4)).sum()).isEqualTo(count(pg, "SELECT count(*) FROM anomalies"));
    }

    /** Rows {@code [from, to)} of a deterministic stream: device i%4, irregular spacing, every 7th row anomalous. */
    private static void write(Connection c, int from, int to) throws SQLException {
        Random random = new Random(42);
        try (PreparedStatement t = c.prepareStatement("INSERT INTO telemetry VALUES (?, ?, ?, ?::jsonb, ?)");
             PreparedStatement a = c.prepareStatement("INSERT INTO anomalies VALUES (?, ?, ?, ?, 0.5)")) {
            for (int i = 0; i < to; i++) {
                // late rows (i >= 1200) revisit the first minutes: they land below the last refresh
                long offsetMs = i < 1200 ? i * 2_300L + random.nextInt(1000) : (i - 1200) * 3_100L + random.nextInt(1000);
                double tcp = random.nextInt(1500);
                boolean anomalous = random.nextInt(7) == 0;
                double score = random.nextDouble();
                if (i < from) {
                    continue;
                }
                OffsetDateTime time = utc(START.plusMillis(offsetMs));
                String device = "device_" + (i % DEVICES);
                t.setObject(1, time);
                t.setString(2, device);
                t.setLong(3, i);
                t.setString(4, "{\"tcp.len\": " + tcp + ", \"mqtt.len\": " + (i % 11 == 0 ? "null" : i % 13) + "}");
                t.setInt(5, anomalous ? 1 : 0);
                t.addBatch();
                if (anomalous) {
                    a.setObject(1, time);
                    a.setString(2, device);
                    a.setLong(3, i);
                    a.setDouble(4, score);
                    a.addBatch();
                }
            }
            t.executeBatch();
            a.executeBatch();
        }
    }

    private static void createTable(Connection c, String table, String columns) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (time timestamptz NOT NULL, " + columns + ")");
            if (MinuteAggregates.timescale(c)) {
                s.execute("SELECT create_hypertable('" + table + "', by_range('time'))");
            }
        }
    }

    private static void assertSameNumbers(List<List<Object>> actual, List<List<Object>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            List<Object> e = expected.get(i);
            List<Object> a = actual.get(i);
            for (int j = 0; j < e.size(); j++) {
                String where = "row " + e + " column " + (j + 1);
                if (e.get(j) instanceof Double d) {
                    assertThat((Double) a.get(j)).as(where).isCloseTo(d, offset(1e-9 * Math.max(1, Math.abs(d))));
                } else {
                    assertThat(a.get(j)).as(where).isEqualTo(e.get(j));
                }
            }
        }
    }

    private static long count(Connection c, String sql, Object... params) {
        try {
            return ((Number) rows(c, sql, params).get(0).get(0)).longValue();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static List<List<Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof java.sql.Timestamp t ? t.toInstant() : v);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
