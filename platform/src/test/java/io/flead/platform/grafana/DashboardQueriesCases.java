package io.flead.platform.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.flead.platform.ProjectLayout;
import io.flead.platform.analytics.MinuteAggregates;
import io.flead.platform.grafana.DashboardFiles.PanelQuery;
import io.flead.platform.grafana.GrafanaMacros.QueryContext;
import io.flead.platform.up.Platform;
import io.flead.platform.up.ShortDemoRuns;
import io.flead.platform.up.UpOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query, with Grafana's macros expanded, against the tables a real pipeline run left in the database:
 * 30 demo devices x 300 rows through the source connector, the four functions and the timescale-sink. Run on
 * PostgreSQL 17 by {@link DashboardQueriesIT} and on a real TimescaleDB (hypertables) by
 * {@link DashboardQueriesOnTimescaleDbIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardQueriesCases {
    static final int DEVICES = 30;
    static final int ROWS = 300;
    static final List<String> TABLES = List.of("telemetry", "local_models", "global_models", "anomalies", "drift_alerts");
    static final List<Long> INTERVALS_MS = List.of(10_000L, 3_600_000L);

    @TempDir
    static Path work;

    private Platform platform;
    private Connection db;
    private Instant from;
    private Instant to;
    private List<String> devices;

    /** The options with the database the platform writes to. */
    abstract UpOptions database(UpOptions options);

    /** How {@code flead up}'s schema step makes the per-minute aggregates on this database. */
    abstract MinuteAggregates.Kind expectedMinuteAggregates();

    @BeforeAll
    void runPipeline() throws Exception {
        // A paced replay (9 s for 9,000 rows): rows scored before the first global model carries statistics are
        // not scorable, so an instant replay could leave the anomalies panels without data.
        platform = Platform.start(database(ShortDemoRuns.withDriftScaledTo300Rows(UpOptions.defaults(work)
            .withPorts(0, 0, 0).withDemoData(DEVICES, ROWS).withRun(1000, 5, 50, true, true))));
        db = platform.connectDatabase();
        awaitSettled(Duration.ofMinutes(5));
        awaitMinuteAggregates(Duration.ofMinutes(1));
        // what a refresh policy does on its schedule: replayed rows land below the aggregates' last refresh
        MinuteAggregates.refresh(db);
        // Telemetry, anomalies and drift alerts carry the replayed event times (2021); local and global models the
        // wall-clock time of training and aggregation: the range spans every table.
        from = instant(overAllTables("min")).minusSeconds(60);
        to = instant(overAllTables("max")).plusSeconds(60);
        devices = strings(db, deviceVariableQuery());
        System.out.printf("dashboards over %s .. %s, %d devices; rows: %s%n", from, to, devices.size(), tableCounts());
    }

    @AfterAll
    void stop() throws Exception {
        if (db != null) {
            db.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void deviceVariableListsEveryDevice() {
        assertThat(devices).hasSize(DEVICES).allMatch(d -> d.matches("device_\\d+"));
    }

    @Test
    void everyPanelQueryRunsAndReturnsRows() {
        SoftAssertions soft = new SoftAssertions();
        for (PanelQuery q : DashboardFiles.allQueries()) {
            for (long interval : INTERVALS_MS) {
                String sql = GrafanaMacros.expand(q.rawSql(), context(interval, devices));
                try {
                    List<Map<String, Object>> rows = rows(db, sql);
                    soft.assertThat(rows).as(q.label() + " at " + interval + " ms:\n" + sql).isNotEmpty();
                    if (q.format().equals("time_series") && !rows.isEmpty()) {
                        soft.assertThat(rows.get(0)).as(q.label() + " has a time column").containsKey("time");
                    }
                } catch (SQLException e) {
                    soft.fail(q.label() + " failed: " + e.getMessage() + "\n" + sql);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void selectingOneDeviceNarrowsEveryDeviceFilteredPanelToIt() throws SQLException {
        // A device with rows in every device-filtered table: anomalies and drift alerts (telemetry has every device).
        String device = strings(db, "SELECT device_id FROM anomalies WHERE device_id IN (SELECT device_id FROM drift_alerts) "
            + "GROUP BY device_id ORDER BY count(*) DESC, device_id LIMIT 1").get(0);
        for (PanelQuery q : DashboardFiles.allQueries()) {
            if (!q.rawSql().contains("$device")) {
                continue;
            }
            List<Map<String, Object>> rows = rows(db, GrafanaMacros.expand(q.rawSql(), context(10_000, List.of(device))));
            assertThat(rows).as(q.label() + " for " + device).isNotEmpty();
            for (Map<String, Object> row : rows) {
                for (String column : List.of("device_id", "metric")) {
                    if (row.containsKey(column)) {
                        assertThat(row.get(column)).as(q.label() + " " + column).isEqualTo(device);
                    }
                }
            }
        }
    }

    @Test
    void perMinuteBinsAddUpToTheRowsOfEachTable() throws SQLException {
        for (PanelQuery q : queriesOf("Rows per minute into each table", "Telemetry rows per minute")) {
            long sum = 0;
            String table = null;
            for (Map<String, Object> row : rows(db, GrafanaMacros.expand(q.rawSql(), context(10_000, devices)))) {
                String column = row.keySet().toArray(String[]::new)[1];
                table = column.split(" ")[0]; // the series is named after its table: "telemetry rows", "anomalies"
                sum += ((Number) row.get(column)).longValue();
            }
            assertThat(table).as(q.label()).isIn(TABLES);
            assertThat(sum).as(q.label()).isEqualTo(count(table)).isPositive();
        }
    }

    @Test
    void schemaStepMadeTheMinuteAggregatesThisDatabaseSupports() throws SQLException {
        MinuteAggregates.Result result = platform.minuteAggregates().result();
        assertThat(result.kind()).isEqualTo(expectedMinuteAggregates());
        assertThat(result.made()).isEqualTo(MinuteAggregates.relations());
        assertThat(MinuteAggregates.continuous(db))
            .isEqualTo(expectedMinuteAggregates() == MinuteAggregates.Kind.CONTINUOUS_AGGREGATES);
    }

    /**
     * The per-minute relations against the same numbers binned from the raw rows with date_bin, on this database's
     * data: on TimescaleDB the continuous aggregates against the fallback's query, so both paths agree.
     */
    @Test
    void perDeviceMinuteRelationsGiveTheNumbersOfTheRawRowsBinnedByMinute() throws SQLException {
        String bin = "date_bin('1 minute', time, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
        List<Map<String, Object>> expected = rows(db, "SELECT coalesce(t.bucket, a.bucket) AS bucket, "
            + "coalesce(t.device_id, a.device_id) AS device_id, coalesce(t.rows, 0) AS rows, coalesce(a.n, 0) AS anomalies, "
            + "a.score AS mean_score, t.tcp AS mean_tcp_len FROM (SELECT " + bin + " AS bucket, device_id, count(*) AS rows, "
            + "avg((features->>'tcp.len')::float8) AS tcp FROM telemetry GROUP BY 1, 2) t FULL JOIN (SELECT " + bin
            + " AS bucket, device_id, count(*) AS n, avg(score) AS score FROM anomalies GROUP BY 1, 2) a "
            + "ON t.bucket = a.bucket AND t.device_id = a.device_id ORDER BY 1, 2");
        List<Map<String, Object>> actual = rows(db, "SELECT bucket, device_id, rows, anomalies, mean_score, mean_tcp_len "
            + "FROM device_minute ORDER BY 1, 2");
        assertThat(actual).hasSize(expected.size()).hasSizeGreaterThan(DEVICES);
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = expected.get(i);
            Map<String, Object> a = actual.get(i);
            String where = e.get("device_id") + " at " + e.get("bucket");
            assertThat(List.of(a.get("bucket"), a.get("device_id"), a.get("rows"), a.get("anomalies"))).as(where)
                .isEqualTo(List.of(e.get("bucket"), e.get("device_id"), e.get("rows"), e.get("anomalies")));
            for (String mean : List.of("mean_score", "mean_tcp_len")) {
                if (e.get(mean) == null) {
                    assertThat(a.get(mean)).as(where + " " + mean).isNull();
                } else {
                    assertThat(((Number) a.get(mean)).doubleValue()).as(where + " " + mean)
                        .isCloseTo(((Number) e.get(mean)).doubleValue(), offset(1e-9));
                }
            }
        }
        assertThat(longValue("SELECT sum(anomalies) FROM device_minute")).isEqualTo(count("anomalies")).isPositive();
        assertThat(longValue("SELECT sum(drift_alerts) FROM fleet_minute")).isEqualTo(count("drift_alerts")).isPositive();
        assertThat(longValue("SELECT sum(rows) FROM fleet_minute")).isEqualTo(count("telemetry"));
    }

    /** The API's anomaly count, through the aggregate on TimescaleDB, equals the rows in ranges cutting minutes. */
    @Test
    void apiAnomalyCountsEqualTheRowsInRangesThatCutMinutes() throws Exception {
        Instant newest = instant("SELECT max(time) FROM anomalies");
        String source = expectedMinuteAggregates() == MinuteAggregates.Kind.CONTINUOUS_AGGREGATES ? "minute_aggregate"
            : "rows";
        for (String range : List.of("17m", "2h", "3m")) {
            for (Instant until : List.of(newest, newest.minusMillis(37_123))) {
                JsonNode answer = apiGet("/api/anomalies/count?range=" + range + "&until=" + until);
                Instant start = until.minus(GrafanaMacros.parseDuration(range));
                long rows = longValue("SELECT count(*) FROM anomalies WHERE time > '" + start + "' AND time <= '"
                    + until + "'");
                assertThat(answer.path("count").asLong()).as(range + " until " + until).isEqualTo(rows);
                assertThat(answer.path("source").asText()).as(range).isEqualTo(source);
            }
        }
    }

    @Test
    void localTrainingRateTimesTheIntervalIsTheNumberOfUpdates() throws SQLException {
        PanelQuery q = queriesOf("Local training rate").get(0);
        for (long interval : INTERVALS_MS) {
            double updates = 0;
            for (Map<String, Object> row : rows(db, GrafanaMacros.expand(q.rawSql(), context(interval, devices)))) {
                updates += ((Number) row.get("local updates per minute")).doubleValue() * interval / 60_000.0;
            }
            assertThat(updates).as(q.label() + " at " + interval + " ms").isCloseTo(count("local_models"),
                offset(1e-6));
        }
    }

    @Test
    void qualityPanelShowsEachVersionsOwnEvaluationAndNoneAsAGap() throws SQLException {
        PanelQuery q = queriesOf("Evaluated version precision, recall and F1").get(0);
        List<Map<String, Object>> rows = rows(db, GrafanaMacros.expand(q.rawSql(), context(10_000, devices)));
        assertThat((long) rows.size()).isEqualTo(count("global_models"));
        for (Map<String, Object> row : rows) {
            for (String ratio : List.of("precision", "recall", "f1")) {
                if (row.get(ratio) != null) {
                    assertThat(((Number) row.get(ratio)).doubleValue()).as(ratio + " at " + row.get("time"))
                        .isBetween(0.0, 1.0);
                }
            }
        }
        // a version without an evaluation is a gap (NULL), never a 0
        assertThat(rows.stream().filter(r -> r.get("f1") == null).count()).isEqualTo(
            longValue("SELECT count(*) FROM global_models g WHERE to_jsonb(g)->>'evaluation' IS NULL"));
        Object lastF1 = rows.get(rows.size() - 1).get("f1");
        List<Map<String, Object>> newest = rows(db, "SELECT (to_jsonb(g)->'evaluation'->>'f1')::float8 AS f1 "
            + "FROM global_models g ORDER BY time DESC, version DESC LIMIT 1");
        assertThat(lastF1).isEqualTo(newest.get(0).get("f1"));
    }

    @Test
    void acceptedAndRejectedPanelAddsUpEachVersionsRejectionsByReason() throws SQLException {
        PanelQuery q = queriesOf("Accepted and rejected updates per version").get(0);
        long rejected = 0;
        long accepted = 0;
        for (Map<String, Object> row : rows(db, GrafanaMacros.expand(q.rawSql(), context(10_000, devices)))) {
            accepted += ((Number) row.get("accepted")).longValue();
            for (String c : List.of("rejected: stale", "rejected: superseded", "rejected: other")) {
                rejected += ((Number) row.get(c)).longValue();
            }
        }
        assertThat(accepted).isEqualTo(longValue("SELECT sum(participants) FROM global_models"));
        assertThat(rejected).isEqualTo(longValue("SELECT coalesce(sum(value::bigint), 0) FROM global_models g, "
            + "jsonb_each_text(coalesce(to_jsonb(g)->>'rejected_counts', '{}')::jsonb)"));
    }

    @Test
    void lastWritePerTableNamesEachTableWithItsNewestRowAndCount() throws SQLException {
        PanelQuery q = queriesOf("Last write per table").get(0);
        Map<String, Map<String, Object>> byTable = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(db, GrafanaMacros.expand(q.rawSql(), context(10_000, devices)))) {
            byTable.put((String) row.get("table"), row);
        }
        assertThat(byTable.keySet()).containsExactlyElementsOf(TABLES);
        for (String table : TABLES) {
            assertThat(((Number) byTable.get(table).get("rows")).longValue()).as(table).isEqualTo(count(table));
            assertThat(((Timestamp) byTable.get(table).get("last row")).toInstant()).as(table)
                .isEqualTo(instant("SELECT max(time) FROM " + table));
        }
    }

    @Test
    void readOnlyGrafanaRoleFromTheComposeInitScriptRunsEveryPanelButCannotWrite() throws SQLException {
        Path roles = ProjectLayout.root().resolve("docker/timescaledb/flead-roles.sql");
        String database = platform.jdbcUrl().replaceAll(".*/([^/?]+)\\?.*", "$1");
        // Here the sink writes as postgres, so postgres plays the sink user of the compose stack.
        PsqlScript.run(db, roles, Map.of("db_name", database, "sink_user", "postgres", "sink_password", "unused",
            "reader_user", "grafana_reader", "reader_password", "reader-secret"));
        String readerUrl = platform.jdbcUrl().replace("user=postgres", "user=grafana_reader&password=reader-secret");
        try (Connection reader = DriverManager.getConnection(readerUrl)) {
            for (PanelQuery q : DashboardFiles.allQueries()) {
                assertThat(rows(reader, GrafanaMacros.expand(q.rawSql(), context(10_000, devices)))).as(q.label()).isNotEmpty();
            }
            assertThat(strings(reader, deviceVariableQuery())).isEqualTo(devices);
            assertThatThrownBy(() -> rows(reader, "DELETE FROM anomalies RETURNING device_id"))
                .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> rows(reader, "CREATE TABLE grafana_scratch (x int) ")).isInstanceOf(SQLException.class);
        }
        assertThat(count("anomalies")).isPositive();
    }

    private QueryContext context(long intervalMs, List<String> selected) {
        return new QueryContext(from, to, intervalMs, Map.of("device", selected));
    }

    private String deviceVariableQuery() {
        return DashboardFiles.read(DashboardFiles.dashboardPaths().get(0)).path("templating").path("list").get(0)
            .path("query").asText();
    }

    private List<PanelQuery> queriesOf(String... panels) {
        List<PanelQuery> found = DashboardFiles.allQueries().stream().filter(q -> List.of(panels).contains(q.panel())).toList();
        assertThat(found).as("queries of " + List.of(panels)).isNotEmpty();
        return found;
    }

    private void awaitMinuteAggregates(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!complete(platform.minuteAggregates().result()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(platform.minuteAggregates().result()).as("per-minute aggregates made by flead up")
            .matches(DashboardQueriesCases::complete);
    }

    private static boolean complete(MinuteAggregates.Result result) {
        return result != null && result.complete();
    }

    private JsonNode apiGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(platform.apiUrl().resolve(path))
            .header("Authorization", "Bearer " + platform.apiToken().reveal()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return DashboardFiles.JSON.readTree(response.body());
    }

    private void awaitSettled(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> last = Map.of();
        int stableSamples = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Long> counts = tableCounts();
            boolean complete = counts.size() == TABLES.size() && counts.get("telemetry") == platform.expectedRows();
            stableSamples = complete && counts.equals(last) ? stableSamples + 1 : 0;
            if (stableSamples >= 5) {
                return;
            }
            last = counts;
            Thread.sleep(2000);
        }
        throw new AssertionError("pipeline did not settle within " + timeout + ": " + tableCounts() + " of "
            + platform.expectedRows() + " telemetry rows");
    }

    private Map<String, Long> tableCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (longValue("SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'") > 0) {
                counts.put(table, count(table));
            }
        }
        return counts;
    }

    private long count(String table) throws SQLException {
        return longValue("SELECT count(*) FROM " + table + " WHERE time BETWEEN '" + (from == null ? Instant.EPOCH : from)
            + "' AND '" + (to == null ? Instant.parse("2100-01-01T00:00:00Z") : to) + "'");
    }

    private long longValue(String sql) throws SQLException {
        return ((Number) single(sql)).longValue();
    }

    private double doubleValue(String sql) throws SQLException {
        return ((Number) single(sql)).doubleValue();
    }

    private static String overAllTables(String aggregate) {
        return "SELECT " + aggregate + "(t) FROM (" + String.join(" UNION ALL ",
            TABLES.stream().map(table -> "SELECT " + aggregate + "(time) AS t FROM " + table).toList()) + ") times";
    }

    private Instant instant(String sql) throws SQLException {
        return ((Timestamp) single(sql)).toInstant();
    }

    private Object single(String sql) throws SQLException {
        return rows(db, sql).get(0).values().iterator().next();
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        for (Map<String, Object> row : rows(c, sql)) {
            values.add(String.valueOf(row.values().iterator().next()));
        }
        return values;
    }

    static List<Map<String, Object>> rows(Connection c, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
