package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.flead.fedavg.config.FedAvgConfig;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint of the REST API on a running platform (20 devices x 300 rows), checked against SQL on its database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
    @TempDir
    static Path work;

    private SettledPlatform run;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        run = SettledPlatform.start(work);
        api = new ApiClient(run.platform.apiUrl(), run.platform.apiToken());
        System.out.printf("API IT on %s, rows: %s%n", run.platform.apiUrl(), run.counts());
    }

    @AfterAll
    void stop() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void latestAnomaliesAreTheNewestRowsOfTheTableThroughItsIndex() throws Exception {
        JsonNode latest = ok(api.get("/api/anomalies/latest?limit=7")).json();
        List<Map<String, Object>> expected = Sql.rows(run.db, "SELECT time, device_id, seq, score FROM anomalies "
            + "ORDER BY time DESC, device_id, seq LIMIT 7");
        assertThat(latest).hasSize(expected.size()).hasSize(7);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(latest.get(i).get("device_id").asText()).isEqualTo(expected.get(i).get("device_id"));
            assertThat(latest.get(i).get("seq").asLong()).isEqualTo(((Number) expected.get(i).get("seq")).longValue());
            assertThat(Instant.parse(latest.get(i).get("time").asText()))
                .isEqualTo(((Timestamp) expected.get(i).get("time")).toInstant());
            assertThat(latest.get(i).get("top_features").isArray()).isTrue();
        }
        assertThat(Sql.count(run.db, "SELECT count(*) FROM pg_indexes WHERE tablename = 'anomalies' "
            + "AND indexname IN ('flead_api_anomalies_time', 'flead_api_anomalies_device_time')")).isEqualTo(2);
    }

    @Test
    void latestAnomaliesOfOneDeviceAreOnlyThatDevicesNewest() throws Exception {
        String device = busiestDevice();
        JsonNode latest = ok(api.get("/api/anomalies/latest?limit=500&device=" + device)).json();
        assertThat(latest.size()).isEqualTo(Math.min(500, Sql.count(run.db,
            "SELECT count(*) FROM anomalies WHERE device_id = ?", device)));
        latest.forEach(a -> assertThat(a.get("device_id").asText()).isEqualTo(device));
        assertThat(Instant.parse(latest.get(0).get("time").asText())).isEqualTo(
            ((Timestamp) Sql.one(run.db, "SELECT max(time) FROM anomalies WHERE device_id = ?", device)).toInstant());
    }

    @Test
    void countOverARangeEndsAtTheNewestAnomalyAndItsBucketsAddUp() throws Exception {
        JsonNode c = ok(api.get("/api/anomalies/count?range=5m&bucket=1m")).json();
        Instant to = ((Timestamp) Sql.one(run.db, "SELECT max(time) FROM anomalies")).toInstant();
        assertThat(Instant.parse(c.get("to").asText())).isEqualTo(to);
        long expected = Sql.count(run.db, "SELECT count(*) FROM anomalies WHERE time > ? AND time <= ?",
            Timestamp.from(to.minusSeconds(300)), Timestamp.from(to));
        assertThat(c.get("count").asLong()).isEqualTo(expected).isPositive();
        long sum = 0;
        for (JsonNode b : c.get("buckets")) {
            sum += b.get("count").asLong();
        }
        assertThat(sum).isEqualTo(expected);
        String device = busiestDevice();
        JsonNode one = ok(api.get("/api/anomalies/count?range=30d&device=" + device)).json();
        assertThat(one.get("count").asLong()).isEqualTo(Sql.count(run.db,
            "SELECT count(*) FROM anomalies WHERE device_id = ?", device));
    }

    @Test
    void modelRegistryListsEveryVersionWithItsEvaluationAcceptedUpdatesAndRejections() throws Exception {
        JsonNode models = ok(api.get("/api/models?limit=1000")).json();
        List<Map<String, Object>> rows = Sql.rows(run.db, "SELECT version, participants, CASE WHEN jsonb_typeof(eval->'f1') = 'number' THEN (eval->>'f1')::float8 END AS f1, "
            + "CASE WHEN jsonb_typeof(rejected) = 'array' THEN jsonb_array_length(rejected) ELSE 0 END AS rejected, "
            + "to_jsonb(g)->>'evaluation' AS evaluation, to_jsonb(g)->>'rejected_counts' AS rejected_counts "
            + "FROM (SELECT DISTINCT ON (version) * FROM global_models ORDER BY version DESC, time DESC) g ORDER BY version DESC");
        System.out.println("global versions landed more than once: " + Sql.rows(run.db, "SELECT version, count(*), "
            + "array_agg(CASE WHEN jsonb_typeof(rejected) = 'array' THEN jsonb_array_length(rejected) END ORDER BY time) AS rejected "
            + "FROM global_models GROUP BY version "
            + "HAVING count(*) > 1"));
        assertThat(models).hasSize(rows.size());
        assertThat(rows.size()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode m = models.get(i);
            assertThat(m.get("version").asLong()).isEqualTo(((Number) rows.get(i).get("version")).longValue());
            assertThat(m.get("participants").asInt()).isEqualTo(((Number) rows.get(i).get("participants")).intValue());
            assertThat(m.get("rejected_count").asInt()).isEqualTo(((Number) rows.get(i).get("rejected")).intValue());
            if (rows.get(i).get("f1") != null) {
                assertThat(m.get("eval").get("f1").asDouble()).isCloseTo((Double) rows.get(i).get("f1"), within(1e-12));
            }
            assertThat(m.get("accepted").asInt()).isEqualTo(m.get("participants").asInt());
            String evaluation = (String) rows.get(i).get("evaluation");
            if (evaluation == null) {
                assertThat(m.get("evaluation").isNull()).as("version %s without an evaluation", m.get("version")).isTrue();
            } else {
                JsonNode e = io.flead.platform.api.Json.read(evaluation);
                assertThat(m.get("evaluation").get("version").asLong()).isEqualTo(e.get("version").asLong())
                    .isLessThan(m.get("version").asLong());
                assertThat(m.get("evaluation").get("f1").asDouble()).isCloseTo(e.get("f1").asDouble(), within(1e-12));
            }
            assertThat(m.get("rejected_counts").toString()).isEqualTo(rows.get(i).get("rejected_counts") == null ? "{}"
                : io.flead.platform.api.Json.read((String) rows.get(i).get("rejected_counts")).toString());
        }
        long version = ((Number) rows.get(rows.size() / 2).get("version")).longValue();
        JsonNode one = ok(api.get("/api/models/" + version)).json();
        assertThat(one.get("version").asLong()).isEqualTo(version);
        // A version pooled from statistics-only updates (trained from version 0) has no weights yet.
        assertThat(one.get("feature_names").size()).isPositive();
        assertThat(one.get("weights").size()).isIn(0, one.get("feature_names").size());
    }

    @Test
    void predictScoresWithTheCurrentGlobalModel() throws Exception {
        JsonNode features = telemetryFeatures(busiestDevice());
        JsonNode p = ok(api.post("/api/predict", "{\"features\":" + features + "}")).json();
        long current = Sql.count(run.db, "SELECT max(version) FROM global_models");
        assertThat(p.get("model_version").asLong()).isEqualTo(current);
        double threshold = ((Number) Sql.one(run.db, "SELECT threshold FROM global_models WHERE version = ?", current)).doubleValue();
        boolean weighted = Sql.count(run.db, "SELECT jsonb_array_length(weights) FROM global_models WHERE version = ? "
            + "ORDER BY time DESC LIMIT 1", current) > 0;
        if (weighted) {
            assertThat(p.get("method").asText()).isEqualTo("logistic");
            assertThat(p.get("threshold").asDouble()).isEqualTo(threshold);
            assertThat(p.get("score").asDouble()).isBetween(0.0, 1.0);
        } else {
            // A model without weights scores by the largest |z| against 2.5, as DESIGN's fallback says.
            assertThat(p.get("method").asText()).isNotEqualTo("logistic");
            assertThat(p.get("threshold").asDouble()).isEqualTo(2.5);
        }
        assertThat(p.get("is_anomaly").asBoolean()).isEqualTo(p.get("score").asDouble() >= p.get("threshold").asDouble());
        assertThat(p.get("top_features")).hasSize(3);
        double previous = Double.MAX_VALUE;
        for (JsonNode f : p.get("top_features")) {
            assertThat(features.has(f.get("feature").asText())).isTrue();
            assertThat(f.get("value").asDouble()).isEqualTo(features.get(f.get("feature").asText()).asDouble());
            assertThat(Math.abs(f.get("contribution").asDouble())).isLessThanOrEqualTo(previous);
            previous = Math.abs(f.get("contribution").asDouble());
        }
    }

    @Test
    void driftCheckReportsEveryPlainFeatureOfTheModelOverTheDevicesRows() throws Exception {
        // Rows labelled attacks stay out of the baseline and the window: the device with the most ordinary rows is the
        // one whose window fills after its baseline.
        String device = (String) Sql.one(run.db, "SELECT device_id FROM telemetry WHERE label = 0 GROUP BY device_id "
            + "ORDER BY count(*) DESC, device_id LIMIT 1");
        JsonNode d = ok(api.post("/api/drift/check?device=" + device, null)).json();
        assertThat(d.get("rows").asLong()).isEqualTo(Sql.count(run.db, "SELECT count(*) FROM telemetry WHERE device_id = ?", device));
        assertThat(d.get("reference").asText()).isEqualTo("device");
        long current = Sql.count(run.db, "SELECT max(version) FROM global_models");
        assertThat(d.get("model_version").asLong()).isEqualTo(current);
        // Indicator features (column=value) are derived from columns that are checked themselves, so drift leaves them out.
        long features = Sql.count(run.db, "SELECT count(DISTINCT n) FROM global_models g, jsonb_array_elements_text(g.feature_names) n "
            + "WHERE g.version = ? AND position('=' IN n) = 0", current);
        assertThat((long) d.get("features").size()).isEqualTo(features);
        List<String> verdicts = List.of("ok", "warn", "alert", "not_tested");
        int tested = 0;
        for (JsonNode f : d.get("features")) {
            assertThat(verdicts).contains(f.get("verdict").asText(), f.get("psi").get("verdict").asText(),
                f.get("mean_shift").get("verdict").asText());
            tested += f.get("mean_shift").get("statistic").isNull() ? 0 : 1;
        }
        assertThat(tested).isPositive();
    }

    @Test
    void devicesArePagedSearchedAndSortedLikeTheTables() throws Exception {
        JsonNode page2 = ok(api.get("/api/devices?page=2&per_page=5")).json();
        assertThat(page2.get("total").asInt()).isEqualTo(SettledPlatform.DEVICES);
        List<String> expected = Sql.rows(run.db, "SELECT DISTINCT device_id FROM telemetry ORDER BY device_id "
            + "OFFSET 5 LIMIT 5").stream().map(r -> (String) r.get("device_id")).toList();
        assertThat(ids(page2)).isEqualTo(expected);
        JsonNode first = page2.get("devices").get(0);
        assertThat(first.get("rows").asLong()).isEqualTo(Sql.count(run.db,
            "SELECT count(*) FROM telemetry WHERE device_id = ?", first.get("device_id").asText()));
        JsonNode search = ok(api.get("/api/devices?q=" + expected.get(0))).json();
        assertThat(ids(search)).containsExactly(expected.get(0));
        JsonNode byAnomalies = ok(api.get("/api/devices?sort=-anomalies&per_page=1")).json();
        assertThat(ids(byAnomalies)).containsExactly(busiestDevice());
    }

    @Test
    void theDeviceListIsNotRebuiltFromTheTablesWhileNoneIsWritten() throws Exception {
        JsonNode first = ok(api.get("/api/devices?per_page=1")).json();
        long scans = settledTelemetryScans();
        // past the interval in which a rebuild may follow a write, as the console's 2-s refresh would ask
        Instant asOf = Instant.parse(first.get("as_of").asText());
        while (Instant.now().isBefore(asOf.plusMillis(DeviceCatalog.MIN_INTERVAL_MS + 1_000))) {
            ok(api.get("/api/devices?per_page=1&sort=-rows"));
            Thread.sleep(2_000);
        }
        JsonNode later = ok(api.get("/api/devices?per_page=1")).json();
        assertThat(later.get("as_of").asText()).isEqualTo(first.get("as_of").asText());
        assertThat(later.get("total").asInt()).isEqualTo(SettledPlatform.DEVICES);
        assertThat(later.get("truncated").asBoolean()).isFalse();
        assertThat(settledTelemetryScans()).as("scans of telemetry (sequential and index)").isEqualTo(scans);
    }

    /** Scans of {@code telemetry} so far, once PostgreSQL's statistics stop moving (backends report them within ~1 s). */
    private long settledTelemetryScans() throws Exception {
        String sql = "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'telemetry'";
        long last = -1;
        for (int i = 0; i < 30; i++) {
            long now = Sql.count(run.db, sql);
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1_500);
        }
        throw new AssertionError("the scan statistics of telemetry kept moving: " + last);
    }

    @Test
    void oneDeviceHasItsRowsAnomalyRateDriftAlertsAndLocalUpdates() throws Exception {
        String device = busiestDevice();
        JsonNode d = ok(api.get("/api/devices/" + device)).json();
        long rows = Sql.count(run.db, "SELECT count(*) FROM telemetry WHERE device_id = ?", device);
        long anomalies = Sql.count(run.db, "SELECT count(*) FROM anomalies WHERE device_id = ?", device);
        assertThat(d.get("rows").asLong()).isEqualTo(rows);
        assertThat(d.get("anomalies").asLong()).isEqualTo(anomalies);
        assertThat(d.get("anomaly_rate").asDouble()).isCloseTo((double) anomalies / rows, within(1e-12));
        assertThat((long) d.get("local_updates").size()).isEqualTo(Math.min(20, Sql.count(run.db,
            "SELECT count(*) FROM local_models WHERE device_id = ?", device)));
        assertThat((long) d.get("drift_alerts").size()).isEqualTo(Math.min(20, Sql.count(run.db,
            "SELECT count(*) FROM drift_alerts WHERE device_id = ?", device)));
        JsonNode t = ok(api.get("/api/devices/" + device + "/telemetry?limit=300&features=tcp.len,tcp.ack")).json();
        assertThat(t.get("rows")).hasSize((int) Math.min(300, rows));
        assertThat(t.get("rows").get(0).get("features").size()).isEqualTo(2);
        assertThat((long) t.get("anomalies").size()).isEqualTo(Sql.count(run.db, "SELECT count(*) FROM anomalies "
            + "WHERE device_id = ? AND time >= ?::timestamptz AND time <= ?::timestamptz", device,
            t.get("rows").get(0).get("time").asText(), t.get("rows").get(t.get("rows").size() - 1).get("time").asText()));
    }

    @Test
    void pipelineShowsRunningConnectorsFunctionsTopicsTablesAndLag() throws Exception {
        JsonNode p = ok(api.get("/api/pipeline")).json();
        List<String> connectors = new ArrayList<>();
        for (JsonNode c : p.get("connectors")) {
            connectors.add(c.get("name").asText());
            assertThat(c.get("state").asText()).as(c.toString()).isEqualTo("RUNNING");
        }
        assertThat(connectors).containsExactlyInAnyOrder("csv-device-source", "timescale-alerts-sink", "timescale-sink");
        assertThat(p.get("functions").size()).isEqualTo(4);
        p.get("functions").forEach(state -> assertThat(state.asText()).isEqualTo("RUNNING"));
        long telemetry = -1;
        for (JsonNode t : p.get("topics")) {
            if (t.get("topic").asText().equals("edge-iiot-stream")) {
                telemetry = t.get("records").asLong();
            }
        }
        // the source writes exactly once, in transactions: the topic's offsets count each commit marker too
        assertThat(telemetry).isGreaterThanOrEqualTo(run.platform.expectedRows());
        assertThat(p.get("tables").size()).isEqualTo(5);
        assertThat(p.get("consumer_groups").size()).isPositive();
    }

    @Test
    void rejectionsNameTheLatestVersionAndCountOnlyLaterRejectionsByReason() throws Exception {
        JsonNode r = ok(api.get("/api/rejections")).json();
        assertThat(r.get("latest_version").asLong()).isEqualTo(Sql.count(run.db, "SELECT max(version) FROM global_models"));
        assertThat(r.get("since").asText()).isNotBlank();
        assertThat(r.get("rejected_after").isObject()).isTrue();
        r.get("rejected_after").fields().forEachRemaining(e -> assertThat(e.getValue().asLong()).as(e.getKey()).isPositive());
    }

    @Test
    void closingTheRoundNowAnswersWithTheNewVersionOrWhyNot() throws Exception {
        long before = Sql.count(run.db, "SELECT max(version) FROM global_models");
        ApiClient.Answer first = api.post("/api/rounds/close", null);
        if (first.status() == 200) {
            assertThat(first.json().get("closed").asBoolean()).isTrue();
            assertThat(first.json().get("version").asLong()).isEqualTo(before + 1);
        } else {
            assertThat(first.status()).as(first.json().toString()).isEqualTo(409);
            assertThat(first.json().get("reason").asText()).contains("too few participants");
        }
        // nothing arrives any more: the round stays as the first call left it, too small to close
        int left = first.status() == 200 ? 0 : first.json().get("participants").asInt();
        ApiClient.Answer second = api.post("/api/rounds/close?timeout_ms=20000", null);
        assertThat(second.status()).as(second.json().toString()).isEqualTo(409);
        assertThat(second.json().get("closed").asBoolean()).isFalse();
        assertThat(second.json().get("participants").asInt()).isEqualTo(left);
        assertThat(second.json().get("reason").asText()).contains("too few participants: " + left + " device(s)");
        if (first.status() == 200) {
            awaitVersionInTheDatabase(before + 1);
        }
    }

    @Test
    void healthAndLatencyCdfAnswer() throws Exception {
        assertThat(ok(api.get("/api/health")).json().get("status").asText()).isEqualTo("UP");
        JsonNode bench = ok(api.get("/api/bench/latency")).json();
        assertThat(bench.has("available")).isTrue();
        assertThat(bench.get("csv").isArray()).isTrue();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
            Arguments.of("GET", "/api/anomalies/latest?limit=0", null, 400, "limit"),
            Arguments.of("GET", "/api/anomalies/latest?limit=501", null, 400, "limit"),
            Arguments.of("GET", "/api/anomalies/latest?limit=ten", null, 400, "limit"),
            Arguments.of("GET", "/api/anomalies/latest?device=a%27%3Bdrop%20table%20anomalies", null, 400, "device"),
            Arguments.of("GET", "/api/anomalies/latest?limt=5", null, 400, "limt"),
            Arguments.of("GET", "/api/anomalies/count?range=5x", null, 400, "range"),
            Arguments.of("GET", "/api/anomalies/count?range=400d", null, 400, "range"),
            Arguments.of("GET", "/api/anomalies/count?range=1d&bucket=1s", null, 400, "bucket"),
            Arguments.of("GET", "/api/anomalies/count?until=yesterday", null, 400, "until"),
            Arguments.of("GET", "/api/devices?per_page=201", null, 400, "per_page"),
            Arguments.of("GET", "/api/devices?page=-1", null, 400, "page"),
            Arguments.of("GET", "/api/devices?sort=password", null, 400, "sort"),
            Arguments.of("GET", "/api/devices?q=" + "x".repeat(65), null, 400, "q"),
            Arguments.of("GET", "/api/devices/no_such_device", null, 404, "id"),
            Arguments.of("GET", "/api/devices/device_0001/telemetry?limit=5000", null, 400, "limit"),
            Arguments.of("GET", "/api/models/abc", null, 400, "version"),
            Arguments.of("GET", "/api/models/999999", null, 404, "version"),
            Arguments.of("GET", "/api/models?limit=100000", null, 400, "limit"),
            Arguments.of("GET", "/api/rejections?version=3", null, 400, "version"),
            Arguments.of("POST", "/api/predict", "", 400, "body"),
            Arguments.of("POST", "/api/predict", "{not json", 400, "body"),
            Arguments.of("POST", "/api/predict", "[1,2]", 400, "body"),
            Arguments.of("POST", "/api/predict", "{}", 400, "features"),
            Arguments.of("POST", "/api/predict", "{\"features\":[1]}", 400, "features"),
            Arguments.of("POST", "/api/predict", "{\"features\":{\"no.such.feature\":1}}", 400, "features.no.such.feature"),
            Arguments.of("POST", "/api/predict", "{\"features\":{\"tcp.len\":\"big\"}}", 400, "features.tcp.len"),
            Arguments.of("POST", "/api/predict", "{\"features\":{\"tcp.len\":1}}", 400, null),
            Arguments.of("POST", "/api/predict", "{\"features\":{},\"extra\":1}", 400, "extra"),
            Arguments.of("POST", "/api/drift/check", null, 400, "device"),
            Arguments.of("POST", "/api/drift/check?device=device_0001&window=200", null, 400, "window"),
            Arguments.of("POST", "/api/drift/check?device=nobody", null, 404, "device"),
            Arguments.of("POST", "/api/rounds/close?timeout_ms=0", null, 400, "timeout_ms"),
            Arguments.of("GET", "/api/predict", null, 405, null),
            Arguments.of("GET", "/api/nothing/here", null, 404, null));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} naming {4}")
    @MethodSource("badInputs")
    void badInputIsAJsonErrorNamingTheParameter(String method, String path, String body, int status, String parameter)
            throws Exception {
        ApiClient.Answer a = api.send(method, path, body);
        assertThat(a.status()).as(a.json().toString()).isEqualTo(status);
        assertThat(a.json().get("error").asText()).isNotBlank();
        if (parameter != null) {
            assertThat(a.json().get("parameter").asText()).isEqualTo(parameter);
            assertThat(a.json().get("error").asText()).contains(parameter.startsWith("features.")
                ? parameter.substring("features.".length()) : parameter);
        }
    }

    static Stream<Arguments> everyEndpoint() {
        return Stream.of(
            Arguments.of("GET", "/api/anomalies/latest"), Arguments.of("GET", "/api/anomalies/count"),
            Arguments.of("GET", "/api/models"), Arguments.of("GET", "/api/models/1"), Arguments.of("GET", "/api/rejections"),
            Arguments.of("GET", "/api/devices"), Arguments.of("GET", "/api/devices/device_0001"),
            Arguments.of("GET", "/api/devices/device_0001/telemetry"), Arguments.of("GET", "/api/pipeline"),
            Arguments.of("GET", "/api/bench/latency"), Arguments.of("GET", "/api/bench/latency/cdf.svg"),
            Arguments.of("POST", "/api/predict"), Arguments.of("POST", "/api/drift/check?device=device_0001"),
            Arguments.of("POST", "/api/rounds/close"), Arguments.of("GET", "/api/nothing/here"));
    }

    @ParameterizedTest(name = "{0} {1} without or with a wrong token -> 401")
    @MethodSource("everyEndpoint")
    void unauthenticatedRequestsAreRefusedWithABearerChallengeAndNoData(String method, String path) throws Exception {
        Map<String, String> json = Map.of("Host", api.authority(), "Content-Type", "application/json");
        String body = method.equals("POST") ? "{\"features\":{}}" : null;
        ApiClient.Answer none = api.raw(method, path, json, body);
        assertThat(none.status()).as(none.json().toString()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).contains("Authorization: Bearer");
        assertThat(none.json().size()).as("an error, no data").isEqualTo(2);
        ApiClient.Answer wrong = api.raw(method, path, withEntry(json, "Authorization", "Bearer " + "x".repeat(43)), body);
        assertThat(wrong.status()).as(wrong.json().toString()).isEqualTo(401);
        ApiClient.Answer rightHostAndToken = api.raw(method, path, withEntry(json, "Authorization", "Bearer " + api.token()), body);
        assertThat(rightHostAndToken.status()).as("the same request with the token gets past the guard").isNotIn(401, 403, 421);
    }

    @Test
    void healthNeedsNoTokenButTheServersOwnName() throws Exception {
        assertThat(api.raw("GET", "/api/health", Map.of("Host", api.authority()), null).json().get("status").asText())
            .isEqualTo("UP");
        assertThat(api.raw("GET", "/api/health", Map.of("Host", "rebound.example:" + run.platform.apiUrl().getPort()), null)
            .status()).isEqualTo(421);
    }

    @Test
    void crossOriginPostsAndForeignHostsAreRefusedBeforeAnyCommandReachesFedavg() throws Exception {
        String evilHost = "rebound.example:" + run.platform.apiUrl().getPort();
        String token = "Bearer " + api.token();
        long before = roundCommands();
        // a form on another site posts text/plain without the token; a script there guesses or stole it
        assertRefused(403, api.raw("POST", "/api/rounds/close", Map.of("Host", api.authority(), "Origin",
            "https://evil.example", "Content-Type", "text/plain"), "x"));
        assertRefused(403, api.raw("POST", "/api/rounds/close", Map.of("Host", api.authority(), "Origin",
            "https://evil.example", "Content-Type", "application/json", "Authorization", token), null));
        assertRefused(403, api.raw("POST", "/api/rounds/close", Map.of("Host", api.authority(), "Origin", "null",
            "Content-Type", "application/json", "Authorization", token), null));
        // DNS rebinding: evil.example now resolves to 127.0.0.1, so the browser sends its name as Host
        assertRefused(421, api.raw("POST", "/api/rounds/close", Map.of("Host", evilHost, "Origin", "http://" + evilHost,
            "Content-Type", "application/json", "Authorization", token), null));
        assertRefused(421, api.raw("GET", "/api/devices", Map.of("Host", evilHost, "Authorization", token), null));
        assertRefused(421, api.raw("GET", "/", Map.of("Host", evilHost), null));
        // the right origin and token, but not JSON (what a form can send)
        assertRefused(415, api.raw("POST", "/api/rounds/close", Map.of("Host", api.authority(), "Content-Type",
            "application/x-www-form-urlencoded", "Authorization", token), "a=b"));
        assertThat(roundCommands()).as("no refused request reached the round-control topic").isEqualTo(before);
        // the console's own request goes through, and is seen on the topic
        ApiClient.Answer own = api.raw("POST", "/api/rounds/close?timeout_ms=20000", Map.of("Host", api.authority(),
            "Origin", "http://" + api.authority(), "Content-Type", "application/json", "Authorization", token), null);
        assertThat(own.status()).as(own.json().toString()).isIn(200, 409);
        assertThat(roundCommands()).isEqualTo(before + 1);
    }

    private static void assertRefused(int status, ApiClient.Answer a) {
        assertThat(a.status()).as(a.json().toString()).isEqualTo(status);
        assertThat(a.json().get("error").asText()).isNotBlank();
    }

    /** Commands ever sent on fedavg's round-control topic (one partition, no transactions). */
    private long roundCommands() throws Exception {
        TopicPartition control = new TopicPartition(FedAvgConfig.DEFAULT_ROUND_CONTROL, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", run.platform.bootstrapServers()))) {
            return admin.listOffsets(Map.of(control, OffsetSpec.latest())).partitionResult(control).get().offset();
        }
    }

    private static Map<String, String> withEntry(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    @Test
    void aPredictionMissingOneFeatureNamesIt() throws Exception {
        JsonNode features = telemetryFeatures(busiestDevice());
        String missing = features.fieldNames().next();
        ((com.fasterxml.jackson.databind.node.ObjectNode) features).remove(missing);
        ApiClient.Answer a = api.post("/api/predict", "{\"features\":" + features + "}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("parameter").asText()).startsWith("features.");
        assertThat(a.json().get("error").asText()).contains("Missing feature");
    }

    private void awaitVersionInTheDatabase(long version) throws Exception {
        for (int i = 0; i < 60 && Sql.count(run.db, "SELECT count(*) FROM global_models WHERE version = ?", version) == 0; i++) {
            Thread.sleep(500);
        }
        assertThat(Sql.count(run.db, "SELECT count(*) FROM global_models WHERE version = ?", version)).isEqualTo(1);
    }

    private String busiestDevice() throws Exception {
        return (String) Sql.one(run.db, "SELECT device_id FROM anomalies GROUP BY device_id "
            + "ORDER BY count(*) DESC, device_id LIMIT 1");
    }

    /** The features of the device's newest row, restricted to the current model's feature names. */
    private JsonNode telemetryFeatures(String device) throws Exception {
        JsonNode model = ok(api.get("/api/models/" + Sql.count(run.db, "SELECT max(version) FROM global_models"))).json();
        JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper().readTree((String) Sql.one(run.db,
            "SELECT features::text FROM telemetry WHERE device_id = ? ORDER BY time DESC LIMIT 1", device));
        com.fasterxml.jackson.databind.node.ObjectNode features = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        for (JsonNode name : model.get("feature_names")) {
            JsonNode v = row.get(name.asText());
            features.put(name.asText(), v != null && v.isNumber() ? v.asDouble() : 0.0);
        }
        return features;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("devices").forEach(d -> ids.add(d.get("device_id").asText()));
        return ids;
    }

    private static ApiClient.Answer ok(ApiClient.Answer a) {
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        return a;
    }
}
