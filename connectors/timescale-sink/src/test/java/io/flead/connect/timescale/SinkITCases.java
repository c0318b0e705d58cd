package io.flead.connect.timescale;

import static io.flead.connect.timescale.SinkFixture.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flead.embedded.ConfigValidation;
import io.flead.embedded.ConnectRestClient;
import io.flead.embedded.ConnectorOffset;
import io.flead.embedded.PluginDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The sink on a real Connect worker (loading target/plugin) and a real database: run by {@link TimescaleSinkIT} on
 * PostgreSQL 17 (plain tables) and by {@link TimescaleSinkOnTimescaleDbIT} on TimescaleDB (hypertables).
 */
abstract class SinkITCases extends SinkStackCases {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    SinkITCases() {
        super("timescale-sink-it");
    }

    private void createTopics(int partitions, String... topics) {
        for (String topic : topics) {
            stack.kafka().createTopic(topic, partitions, Map.of());
        }
    }

    private void awaitCount(String sql, long expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(fx.count(sql)).as(sql).isEqualTo(expected));
    }

    @Test
    void allFiveDesignTopicsLandInTheirTablesWithTypedColumns() {
        createTopics(1, "edge-iiot-stream", "local-model-updates", "global-model-updates", "anomalies", "drift-alerts");
        fx.startSink("design", fx.sinkConfig(
                "edge-iiot-stream,local-model-updates,global-model-updates,anomalies,drift-alerts"));
        for (int i = 0; i < 3; i++) {
            fx.send("edge-iiot-stream", "dev-1", telemetry("dev-1", i, T0 + i));
        }
        fx.send("local-model-updates", "dev-1", DesignRecords.localModel());
        fx.send("global-model-updates", "flead", DesignRecords.globalModel());
        fx.send("anomalies", "dev-1", DesignRecords.anomaly());
        fx.send("drift-alerts", "dev-1", DesignRecords.driftAlert());
        awaitCount("SELECT count(*) FROM telemetry", 3);
        for (String table : List.of("local_models", "global_models", "anomalies", "drift_alerts")) {
            awaitCount("SELECT count(*) FROM " + table, 1);
        }
        // time and key columns come first; the rest follow the (unordered) schemaless JSON fields
        assertThat(fx.columnTypes("telemetry")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "time", "timestamp with time zone", "device_id", "text", "seq", "bigint",
                "features", "jsonb", "label", "bigint", "attack_type", "text"));
        assertThat(fx.columnTypes("telemetry").keySet()).startsWith("time", "device_id", "seq");
        assertThat(fx.columnTypes("local_models")).containsEntry("time", "timestamp with time zone")
                .containsEntry("update_id", "text").containsEntry("base_version", "bigint")
                .containsEntry("weights", "jsonb").containsEntry("bias", "double precision")
                .containsEntry("stats", "jsonb").containsEntry("eval", "jsonb").doesNotContainKey("ts");
        assertThat(fx.columnTypes("global_models")).containsEntry("version", "bigint").containsEntry("rejected", "jsonb")
                .containsEntry("threshold", "double precision");
        assertThat(fx.columnTypes("anomalies")).containsEntry("score", "double precision").containsEntry("seq", "bigint");
        assertThat(fx.columnTypes("drift_alerts")).containsEntry("feature", "text").containsEntry("window_n", "bigint");
        List<Map<String, Object>> rows = fx.query("SELECT time, features->>'tcp.len' AS tcp_len, label, attack_type "
                + "FROM telemetry WHERE seq = 1");
        assertThat(((java.sql.Timestamp) rows.get(0).get("time")).toInstant()).isEqualTo(Instant.ofEpochMilli(T0 + 1));
        assertThat(rows.get(0)).containsEntry("tcp_len", "1.5").containsEntry("label", 1L).containsEntry("attack_type", "DDoS_UDP");
        String key = "CREATE UNIQUE INDEX telemetry_key ON public.telemetry USING btree (device_id, seq, \"time\")";
        assertThat(fx.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'telemetry' ORDER BY indexname"))
                .extracting(r -> r.get("indexdef")).containsExactly(key, fx.timescale()
                        ? "CREATE INDEX telemetry_time_idx ON public.telemetry USING btree (\"time\" DESC)"
                        : "CREATE INDEX telemetry_time_brin ON public.telemetry USING brin (\"time\")");
        if (fx.timescale()) {
            assertThat(fx.query("SELECT hypertable_name AS t FROM timescaledb_information.hypertables WHERE hypertable_name "
                    + "IN ('telemetry', 'local_models', 'global_models', 'anomalies', 'drift_alerts') ORDER BY 1"))
                    .extracting(r -> r.get("t")).containsExactly("anomalies", "drift_alerts", "global_models",
                            "local_models", "telemetry");
        }
    }

    @Test
    void replayedRecordsLeaveExactlyOneRowEach() {
        createTopics(2, "replay");
        fx.startSink("replay", fx.sinkConfig("replay", "pk.fields", "device_id,seq,time"));
        for (int i = 0; i < 400; i++) {
            fx.sendAsync("replay", "dev-" + i % 4, telemetry("dev-" + i % 4, i, T0 + i));
        }
        fx.producer.flush();
        awaitCount("SELECT count(*) FROM replay", 400);
        // the same records again, as a producer retry or an upstream replay would deliver them
        for (int i = 0; i < 400; i++) {
            fx.sendAsync("replay", "dev-" + i % 4, telemetry("dev-" + i % 4, i, T0 + i));
        }
        fx.producer.flush();
        await().atMost(WAIT).until(() -> fx.committedOffsets("replay") == 800);
        // and the whole topic once more from offset 0
        stack.restClient().stop("replay");
        stack.restClient().awaitState("replay", "STOPPED", WAIT);
        stack.restClient().resetOffsets("replay");
        stack.restClient().resume("replay");
        stack.restClient().awaitRunning("replay", 1, WAIT);
        await().atMost(WAIT).until(() -> fx.committedOffsets("replay") == 800);
        assertThat(fx.count("SELECT count(*) FROM replay")).isEqualTo(400);
        assertThat(fx.count("SELECT count(DISTINCT (device_id, seq)) FROM replay")).isEqualTo(400);
    }

    @Test
    void upsertModeKeepsTheLatestValuePerKey() {
        createTopics(1, "scores");
        fx.startSink("scores", fx.sinkConfig("scores", "insert.mode", "upsert", "pk.fields", "device_id,seq,time"));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i++) {
                Map<String, Object> v = new LinkedHashMap<>(Map.of("device_id", "d", "seq", i, "ts", T0 + i, "score", round * 1.0));
                fx.sendAsync("scores", "d", v);
            }
        }
        fx.producer.flush();
        await().atMost(WAIT).until(() -> fx.committedOffsets("scores") == 150);
        assertThat(fx.count("SELECT count(*) FROM scores")).isEqualTo(50);
        assertThat(fx.count("SELECT count(*) FROM scores WHERE score = 2.0")).isEqualTo(50);
    }

    @Test
    void workerRestartMidStreamLosesAndDuplicatesNothing() throws Exception {
        createTopics(3, "restart-keyed", "restart-eos");
        fx.startSink("restart-keyed", fx.sinkConfig("restart-keyed", "pk.fields", "device_id,seq,time"));
        // no natural key here: only the offsets stored with the rows keep redelivery out
        fx.startSink("restart-eos", fx.sinkConfig("restart-eos", "exactly.once", "true"));
        int total = 12_000;
        Thread producer = produceInBackground(total, "restart-keyed", "restart-eos");
        await().atMost(WAIT).until(() -> fx.count("SELECT count(*) FROM \"restart-eos\"") > 1000);
        stack.connect().restart();
        producer.join();
        fx.producer.flush();
        awaitCount("SELECT count(*) FROM \"restart-keyed\"", total);
        awaitCount("SELECT count(*) FROM \"restart-eos\"", total);
        assertThat(fx.count("SELECT count(DISTINCT (device_id, seq)) FROM \"restart-eos\"")).isEqualTo(total);
        assertThat(fx.count("SELECT sum(next_offset) FROM flead_sink_offsets WHERE connector = 'restart-eos'"))
                .isEqualTo(total);
    }

    @Test
    void alteringOffsetsInExactlyOnceModeMovesTheOffsetsStoredInTheDatabaseSoTheSinkReplays() {
        createTopics(1, "rewind-eos");
        fx.startSink("rewind-eos", fx.sinkConfig("rewind-eos", "exactly.once", "true"));
        for (int i = 0; i < 300; i++) {
            fx.send("rewind-eos", "dev-" + i % 10, telemetry("dev-" + i % 10, i, T0 + i)); // offset i holds seq i
        }
        awaitCount("SELECT count(*) FROM \"rewind-eos\"", 300);
        ConnectRestClient rest = stack.restClient();
        rest.stop("rewind-eos");
        rest.awaitState("rewind-eos", "STOPPED", WAIT);
        fx.execute("DELETE FROM \"rewind-eos\" WHERE seq >= 100"); // rows lost downstream, to be replayed
        rest.alterOffsets("rewind-eos", List.of(new ConnectorOffset(Map.of("kafka_topic", "rewind-eos",
                "kafka_partition", 0), Map.of("kafka_offset", 100))));
        assertThat(fx.count("SELECT next_offset FROM flead_sink_offsets WHERE connector = 'rewind-eos'")).isEqualTo(100);
        rest.resume("rewind-eos");
        awaitCount("SELECT count(*) FROM \"rewind-eos\"", 300);
        assertThat(fx.count("SELECT count(DISTINCT seq) FROM \"rewind-eos\"")).isEqualTo(300);
        awaitCount("SELECT next_offset FROM flead_sink_offsets WHERE connector = 'rewind-eos'", 300);
    }

    @Test
    void workerKilledMidBatchAndRestartedLosesAndDuplicatesNothing() throws Exception {
        createTopics(2, "crash-keyed", "crash-eos");
        Process first = startChildWorker();
        try {
            ConnectRestClient rest = new ConnectRestClient(childRestUrl(first));
            rest.putConnectorConfigOrThrow("crash-keyed", fx.sinkConfig("crash-keyed", "pk.fields", "device_id,seq,time"));
            rest.putConnectorConfigOrThrow("crash-eos", fx.sinkConfig("crash-eos", "exactly.once", "true"));
            rest.awaitRunning("crash-keyed", 1, WAIT);
            rest.awaitRunning("crash-eos", 1, WAIT);
            int total = 12_000;
            Thread producer = produceInBackground(total, "crash-keyed", "crash-eos");
            await().atMost(WAIT).until(() -> fx.count("SELECT count(*) FROM \"crash-eos\"") > 2_000);
            first.destroyForcibly().waitFor(); // SIGKILL: no offsets committed on the way out, a batch cut short
            System.out.println(Instant.now() + " killed the first worker");
            Process second = startChildWorker();
            try {
                new ConnectRestClient(childRestUrl(second)).awaitRunning("crash-eos", 1, WAIT);
                System.out.println(Instant.now() + " second worker running");
                producer.join();
                fx.producer.flush();
                awaitCount("SELECT count(*) FROM \"crash-keyed\"", total);
                System.out.println(Instant.now() + " keyed complete");
                awaitCount("SELECT count(*) FROM \"crash-eos\"", total);
                assertThat(fx.count("SELECT count(DISTINCT (device_id, seq)) FROM \"crash-eos\"")).isEqualTo(total);
            } finally {
                second.destroyForcibly().waitFor();
            }
        } finally {
            first.destroyForcibly().waitFor();
        }
    }

    private Process startChildWorker() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ChildWorker.class.getName(), stack.kafka().bootstrapServers(),
                PluginDirs.locate("timescale-sink").toString(), "crash-test")
                .redirectError(ProcessBuilder.Redirect.appendTo(fx.workDir().resolve("child-worker.log").toFile())).start();
    }

    private static java.net.URI childRestUrl(Process child) throws IOException {
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("REST ")) {
                Thread drain = new Thread(() -> {
                    try {
                        for (String l = out.readLine(); l != null; l = out.readLine()) {
                            System.out.println("[child worker] " + l);
                        }
                    } catch (IOException ignored) {
                        // the child was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return java.net.URI.create(line.substring(5));
            }
        }
        throw new IllegalStateException("Child worker exited before printing its REST URL");
    }

    @Test
    void postgresRestartMidStreamLosesNothing() throws Exception {
        createTopics(2, "pg-restart");
        fx.startSink("pg-restart", fx.sinkConfig("pg-restart", "pk.fields", "device_id,seq,time", "batch.size", "500"));
        int total = 10_000;
        Thread producer = produceInBackground(total, "pg-restart");
        await().atMost(WAIT).until(() -> fx.count("SELECT count(*) FROM \"pg-restart\"") > 500);
        fx.database.restart();
        producer.join();
        fx.producer.flush();
        awaitCount("SELECT count(*) FROM \"pg-restart\"", total);
        assertThat(fx.count("SELECT count(DISTINCT (device_id, seq)) FROM \"pg-restart\"")).isEqualTo(total);
        assertThat(stack.restClient().connectorStatus("pg-restart").isRunning(1)).isTrue();
    }

    @Test
    void poisonRecordsGoToTheDeadLetterQueueAndTheRestLand() {
        createTopics(1, "poison");
        fx.startSink("poison", fx.sinkConfig("poison", "pk.fields", "device_id,seq,time",
                "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "poison-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1"));
        for (int i = 0; i < 20; i++) {
            fx.send("poison", "d", telemetry("d", i, T0 + i));
        }
        awaitCount("SELECT count(*) FROM poison", 20);
        Map<String, Object> badTime = telemetry("d", 100, T0);
        badTime.put("ts", "not a time");
        Map<String, Object> noKey = telemetry("d", 101, T0);
        noKey.remove("device_id");
        Map<String, Object> badSeq = telemetry("d", 102, T0);
        badSeq.put("seq", "one hundred and two");
        fx.send("poison", "d", "{not json");
        for (int i = 20; i < 40; i++) {
            fx.sendAsync("poison", "d", telemetry("d", i, T0 + i));
            if (i == 25) {
                fx.sendAsync("poison", "d", badTime);
            } else if (i == 30) {
                fx.sendAsync("poison", "d", noKey);
            } else if (i == 35) {
                fx.sendAsync("poison", "d", badSeq);
            }
        }
        fx.producer.flush();
        awaitCount("SELECT count(*) FROM poison", 40);
        List<ConsumerRecord<String, String>> dead = fx.readAll("poison-dlq", 4);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("{not json",
                json(badTime), json(noKey), json(badSeq));
        assertThat(fx.count("SELECT count(*) FROM poison WHERE seq >= 100")).isZero();
        assertThat(stack.restClient().connectorStatus("poison").isRunning(1)).isTrue();
    }

    @Test
    void aNaturalKeyTooLongForItsIndexGoesToTheDeadLetterQueueAndTheRestLand() {
        createTopics(1, "long-key");
        fx.startSink("long-key", fx.sinkConfig("long-key", "pk.fields", "device_id,seq,time", "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", "long-key-dlq", "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));
        for (int i = 0; i < 10; i++) {
            fx.send("long-key", "d", telemetry("d", i, T0 + i));
        }
        awaitCount("SELECT count(*) FROM \"long-key\"", 10);
        // about 3 KB that does not compress: too large for a btree index row (SQLState 54000, program limit exceeded)
        java.util.Random random = new java.util.Random(16);
        StringBuilder id = new StringBuilder();
        while (id.length() < 3_000) {
            id.append((char) ('!' + random.nextInt(94)));
        }
        Map<String, Object> longKey = telemetry(id.toString(), 15, T0 + 15);
        for (int i = 10; i < 20; i++) {
            fx.sendAsync("long-key", "d", i == 15 ? longKey : telemetry("d", i, T0 + i));
        }
        fx.producer.flush();
        awaitCount("SELECT count(*) FROM \"long-key\"", 19);
        List<ConsumerRecord<String, String>> dead = fx.readAll("long-key-dlq", 1);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(json(longKey));
            assertThat(header(r, "__connect.errors.exception.message"))
                    .startsWith("Cannot write record long-key-0@15 to table 'long-key': ")
                    .contains("index row size").contains("long-key_key");
        });
        assertThat(fx.count("SELECT count(*) FROM \"long-key\" WHERE device_id = 'd'")).isEqualTo(19);
        assertThat(stack.restClient().connectorStatus("long-key").isRunning(1)).isTrue();
    }

    @Test
    void aRecordThatWouldWidenItsTablePastTheColumnCapGoesToTheDeadLetterQueue() {
        createTopics(1, "wide");
        fx.startSink("wide", fx.sinkConfig("wide", "pk.fields", "device_id,seq,time", "auto.evolve.max.columns", "9",
                "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "wide-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1", "errors.deadletterqueue.context.headers.enable", "true"));
        fx.send("wide", "d", telemetry("d", 0, T0)); // time, device_id, seq, features, label, attack_type: 6 columns
        awaitCount("SELECT count(*) FROM wide", 1);
        Map<String, Object> twoMore = withFields(telemetry("d", 1, T0 + 1), "extra_1", "extra_2");
        Map<String, Object> fiveMore = withFields(telemetry("d", 2, T0 + 2), "wide_1", "wide_2", "wide_3", "wide_4", "wide_5");
        Map<String, Object> oneMore = withFields(telemetry("d", 4, T0 + 4), "extra_3");
        for (Map<String, Object> v : List.of(twoMore, fiveMore, telemetry("d", 3, T0 + 3), oneMore)) {
            fx.send("wide", "d", v);
        }
        awaitCount("SELECT count(*) FROM wide WHERE seq IN (0, 1, 3, 4)", 4);
        List<ConsumerRecord<String, String>> dead = fx.readAll("wide-dlq", 1);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(json(fiveMore));
            assertThat(header(r, "__connect.errors.exception.message")).isEqualTo("Cannot write record wide-0@2 to table "
                    + "'wide': its new column 'wide_2' would give the table 13 columns, more than 'auto.evolve.max.columns' "
                    + "(9) allows");
        });
        assertThat(fx.columnTypes("wide")).hasSize(9).containsKeys("extra_1", "extra_2", "extra_3")
                .doesNotContainKeys("wide_1", "wide_2");
        assertThat(fx.count("SELECT count(*) FROM wide")).isEqualTo(4);
        assertThat(stack.restClient().connectorStatus("wide").isRunning(1)).isTrue();
    }

    private static Map<String, Object> withFields(Map<String, Object> value, String... fields) {
        for (String f : fields) {
            value.put(f, 1);
        }
        return value;
    }

    @Test
    void hostileFieldTopicAndTableNamesStayData() {
        fx.execute("CREATE TABLE t (id int)");
        createTopics(1, "robert.drop-tables--", "hostile-table");
        String hostileField = "x\"; DROP TABLE t; --";
        String hostileTable = "evil\"; DROP TABLE t; --";
        fx.startSink("hostile", fx.sinkConfig("robert.drop-tables--,hostile-table",
                "topic.table.map", "hostile-table:" + hostileTable));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ts", T0);
        v.put(hostileField, "still data");
        v.put("Robert'); DROP TABLE t;--", 1);
        fx.send("robert.drop-tables--", "k", v);
        fx.send("hostile-table", "k", v);
        awaitCount("SELECT count(*) FROM \"robert.drop-tables--\"", 1);
        awaitCount("SELECT count(*) FROM \"evil\"\"; DROP TABLE t; --\"", 1);
        assertThat(fx.columnTypes("robert.drop-tables--")).containsOnlyKeys("time", hostileField, "Robert'); DROP TABLE t;--");
        assertThat(fx.query("SELECT \"x\"\"; DROP TABLE t; --\" AS v FROM \"evil\"\"; DROP TABLE t; --\""))
                .containsExactly(Map.of("v", "still data"));
        assertThat(fx.count("SELECT count(*) FROM t")).isZero();
    }

    @Test
    void textAndCsvCopyRoundTripAwkwardText() {
        createTopics(1, "awkward-text", "awkward-csv", "awkward-raw");
        fx.startSink("awkward-text", fx.sinkConfig("awkward-text"));
        fx.startSink("awkward-csv", fx.sinkConfig("awkward-csv", "copy.format", "csv"));
        // JSON text scanned by the sink itself (the fast path), nested parts passed to jsonb as they are
        fx.startSink("awkward-raw", fx.sinkConfig("awkward-raw",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter"));
        List<String> samples = List.of("tab\there", "new\nline", "cr\r\nlf", "back\\slash", "\\N", "\\.", "",
                "\"quoted\", 'single'", "unicode é ü ✓ 😀 日本", ",;|", " leading and trailing ");
        for (String topic : List.of("awkward-text", "awkward-csv", "awkward-raw")) {
            for (int i = 0; i < samples.size(); i++) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("ts", T0 + i);
                v.put("i", i);
                v.put("s", samples.get(i));
                v.put("nested", Map.of("s", samples.get(i)));
                v.put("maybe", i % 2 == 0 ? null : "x");
                fx.sendAsync(topic, "k", v);
            }
            fx.producer.flush();
            awaitCount("SELECT count(*) FROM \"" + topic + "\"", samples.size());
            List<Map<String, Object>> rows = fx.query("SELECT s, nested->>'s' AS n, maybe FROM \"" + topic + "\" ORDER BY i");
            for (int i = 0; i < samples.size(); i++) {
                assertThat(rows.get(i).get("s")).as("%s sample %d", topic, i).isEqualTo(samples.get(i));
                assertThat(rows.get(i).get("n")).as("%s nested sample %d", topic, i).isEqualTo(samples.get(i));
                assertThat(rows.get(i).get("maybe")).isEqualTo(i % 2 == 0 ? null : "x");
            }
        }
    }

    @Test
    void byteArrayFastPathLandsTheSameRowsAndDeadLettersAsJsonConverter() {
        createTopics(1, "parity");
        List<String> values = ParityRecords.values(T0);
        for (String converter : List.of("json", "bytes")) {
            fx.startSink("parity-" + converter, fx.sinkConfig("parity", "topic.table.map", "parity:parity_" + converter,
                    "pk.fields", "device_id,seq,time", "value.converter", converter.equals("json")
                            ? "org.apache.kafka.connect.json.JsonConverter" : "org.apache.kafka.connect.converters.ByteArrayConverter",
                    "value.converter.schemas.enable", "false", "batch.size", "37",
                    "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "parity-dlq-" + converter,
                    "errors.deadletterqueue.topic.replication.factor", "1", "errors.deadletterqueue.context.headers.enable", "true"));
        }
        for (int i = 0; i < values.size(); i++) {
            fx.producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("parity", "k", values.get(i)));
            if (i == ParityRecords.LEADING_TELEMETRY - 1) {
                // both tables exist, typed from telemetry, before the awkward and bad values arrive
                fx.producer.flush();
                awaitCount("SELECT count(*) FROM parity_json", ParityRecords.LEADING_TELEMETRY);
                awaitCount("SELECT count(*) FROM parity_bytes", ParityRecords.LEADING_TELEMETRY);
            }
        }
        fx.producer.flush();
        long good = ParityRecords.goodRowCount(values);
        awaitCount("SELECT count(*) FROM parity_json", good);
        awaitCount("SELECT count(*) FROM parity_bytes", good);
        assertThat(fx.columnTypes("parity_bytes")).isEqualTo(fx.columnTypes("parity_json"));
        String columns = String.join(", ", fx.columnTypes("parity_json").keySet().stream().sorted().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList());
        assertThat(fx.count("SELECT count(*) FROM ((SELECT " + columns + " FROM parity_json EXCEPT ALL SELECT " + columns
                + " FROM parity_bytes) UNION ALL (SELECT " + columns + " FROM parity_bytes EXCEPT ALL SELECT " + columns
                + " FROM parity_json)) d")).isZero();
        List<Long> badOffsets = ParityRecords.badOffsets(values);
        for (String converter : List.of("json", "bytes")) {
            List<ConsumerRecord<String, String>> dead = fx.readAll("parity-dlq-" + converter, badOffsets.size());
            assertThat(dead).as(converter).extracting(r -> header(r, "__connect.errors.topic") + ":"
                    + header(r, "__connect.errors.partition") + ":" + header(r, "__connect.errors.offset"))
                    .containsExactlyInAnyOrderElementsOf(badOffsets.stream().map(o -> "parity:0:" + o).toList());
            assertThat(dead).as(converter).extracting(r -> values.get(Integer.parseInt(header(r, "__connect.errors.offset"))))
                    .isEqualTo(dead.stream().map(ConsumerRecord::value).toList());
        }
    }

    @Test
    void flattenedFeaturesLandAsDoubleColumnsOnBothPathsAndNonNumbersGoToTheDeadLetterQueue() {
        createTopics(1, "flat");
        for (String converter : List.of("json", "bytes", "plain", "binary")) {
            fx.startSink("flat-" + converter, fx.sinkConfig("flat", "topic.table.map", "flat:flat_" + converter,
                    "copy.format", converter.equals("binary") ? "binary" : "text",
                    "pk.fields", "device_id,seq,time", "flatten.fields", "features", "value.converter",
                    converter.equals("json") ? "org.apache.kafka.connect.json.JsonConverter"
                            : "org.apache.kafka.connect.converters.ByteArrayConverter",
                    "flatten.column.format", converter.equals("plain") ? "${key}" : "${field}.${key}",
                    "value.converter.schemas.enable", "false", "batch.size", "7",
                    "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "flat-dlq-" + converter,
                    "errors.deadletterqueue.topic.replication.factor", "1", "errors.deadletterqueue.context.headers.enable", "true"));
        }
        List<String> values = new ArrayList<>();
        for (int seq = 0; seq < 20; seq++) {
            values.add(SinkFixture.telemetryJson("dev-f", seq, T0 + seq));
        }
        values.add(SinkFixture.telemetryJson("dev-f", 20, T0 + 20).replace("\"tcp.len\":30.0", "\"tcp.len\":\"abc\""));
        values.add(SinkFixture.telemetryJson("dev-f", 21, T0 + 21).replace("\"features\":{", "\"features\":{\"iat\":-2.5e-1,"));
        values.add(SinkFixture.telemetryJson("dev-f", 22, T0 + 22).replaceAll("\"features\":\\{[^}]*}", "\"features\":null"));
        values.add(SinkFixture.telemetryJson("dev-f", 23, T0 + 23).replace("\"mqtt.len\":2", "\"mqtt.len\":true"));
        values.forEach(v -> fx.send("flat", "k", v));
        for (String converter : List.of("json", "bytes", "plain", "binary")) {
            awaitCount("SELECT count(*) FROM flat_" + converter, 22);
        }
        assertThat(fx.columnTypes("flat_bytes")).isEqualTo(fx.columnTypes("flat_json"))
                .containsEntry("features.tcp.len", "double precision").containsEntry("features.mqtt.len", "double precision")
                .containsEntry("features.iat", "double precision").doesNotContainKey("features");
        assertThat(fx.columnTypes("flat_plain")).containsEntry("tcp.len", "double precision")
                .containsEntry("mqtt.len", "double precision").containsEntry("iat", "double precision");
        String columns = "device_id, seq, time, \"features.tcp.len\", \"features.mqtt.len\", \"features.iat\", label";
        for (String other : List.of("flat_bytes", "flat_binary")) {
            assertThat(fx.columnTypes(other)).isEqualTo(fx.columnTypes("flat_json"));
            assertThat(fx.count("SELECT count(*) FROM ((SELECT " + columns + " FROM flat_json EXCEPT ALL SELECT " + columns
                    + " FROM " + other + ") UNION ALL (SELECT " + columns + " FROM " + other + " EXCEPT ALL SELECT "
                    + columns + " FROM flat_json)) d")).as(other).isZero();
        }
        assertThat(fx.query("SELECT seq, \"features.tcp.len\" AS t, \"features.mqtt.len\" AS m, \"features.iat\" AS i "
                + "FROM flat_bytes WHERE seq IN (5, 21, 22) ORDER BY seq")).containsExactly(
                row(5L, 7.5, 5.0, null),
                row(21L, 31.5, 0.0, -0.25), row(22L, null, null, null));
        for (String converter : List.of("json", "bytes", "plain", "binary")) {
            List<ConsumerRecord<String, String>> dead = fx.readAll("flat-dlq-" + converter, 2);
            assertThat(dead).as(converter).extracting(r -> header(r, "__connect.errors.offset")).containsExactly("20", "23");
            assertThat(dead).as(converter).extracting(r -> header(r, "__connect.errors.exception.message")).containsExactly(
                    "Cannot convert record flat-0@20 field 'features': key 'tcp.len' has the value \"abc\", but values of "
                            + "a flattened object must be numbers or null",
                    "Cannot convert record flat-0@23 field 'features': key 'mqtt.len' has the value true, but values of "
                            + "a flattened object must be numbers or null");
        }
    }

    private static Map<String, Object> row(long seq, Double t, Double m, Double i) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seq", seq);
        row.put("t", t);
        row.put("m", m);
        row.put("i", i);
        return row;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void structValuesWithSchemasLandTyped() {
        createTopics(1, "with-schema");
        fx.startSink("with-schema", fx.sinkConfig("with-schema", "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "true", "number.array.mode", "double_array"));
        String schema = "{\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\"},"
                + "{\"field\":\"n\",\"type\":\"int32\"},{\"field\":\"x\",\"type\":\"double\"},"
                + "{\"field\":\"ok\",\"type\":\"boolean\"},{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
                + "{\"field\":\"w\",\"type\":\"array\",\"items\":{\"type\":\"double\"}},"
                + "{\"field\":\"inner\",\"type\":\"struct\",\"fields\":[{\"field\":\"a\",\"type\":\"int64\"}]}]}";
        String payload = "{\"ts\":" + T0 + ",\"n\":7,\"x\":0.25,\"ok\":true,\"name\":null,\"w\":[1.5,2.5],\"inner\":{\"a\":3}}";
        fx.send("with-schema", "k", "{\"schema\":" + schema + ",\"payload\":" + payload + "}");
        awaitCount("SELECT count(*) FROM \"with-schema\"", 1);
        assertThat(fx.columnTypes("with-schema")).containsExactly(Map.entry("time", "timestamp with time zone"),
                Map.entry("n", "bigint"), Map.entry("x", "double precision"), Map.entry("ok", "boolean"),
                Map.entry("name", "text"), Map.entry("w", "ARRAY"), Map.entry("inner", "jsonb"));
        assertThat(fx.query("SELECT w[2] AS w2, \"inner\"->>'a' AS a, extract(epoch FROM time) * 1000 AS ms FROM \"with-schema\""))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("w2")).isEqualTo(2.5);
                    assertThat(r.get("a")).isEqualTo("3");
                    assertThat(((Number) r.get("ms")).longValue()).isEqualTo(T0);
                });
    }

    @Test
    void validateReportsConfigProblemsOnTheirKeysThroughRest() {
        Map<String, String> good = fx.sinkConfig("edge-iiot-stream");
        ConfigValidation ok = stack.restClient().validate(SinkFixture.CONNECTOR_CLASS, good);
        assertThat(ok.errors("connection.url")).isEmpty();
        Map<String, String> bad = fx.sinkConfig("raw", "connection.url", "jdbc:postgresql://127.0.0.1:1/x?password=hunter2",
                "insert.mode", "upsert", "timescale.chunk.interval", "weekly", "timescale.retention.map", "telemetry:forever");
        ConfigValidation v = stack.restClient().validate(SinkFixture.CONNECTOR_CLASS, bad);
        assertThat(v.errors("connection.url")).singleElement().asString().startsWith("Cannot connect to")
                .doesNotContain("hunter2");
        assertThat(v.errors("pk.fields")).singleElement().asString().contains("needs a natural key for table 'raw'");
        assertThat(v.errors("timescale.chunk.interval")).singleElement().asString().contains("'weekly'");
        assertThat(v.errors("timescale.retention.map")).containsExactly("Invalid value 'telemetry:forever' for configuration "
                + "'timescale.retention.map': entries must be table:interval, with an interval such as '7 days' or '12 hours'");
    }

    private Thread produceInBackground(int total, String... topics) {
        AtomicInteger sent = new AtomicInteger();
        Thread thread = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                for (String topic : topics) {
                    fx.sendAsync(topic, "dev-" + i % 10, telemetry("dev-" + i % 10, i, T0 + i));
                }
                if (i % 500 == 499) {
                    fx.producer.flush();
                    sleep(100);
                }
                sent.incrementAndGet();
            }
        }, "test-producer");
        thread.start();
        return thread;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String json(Object value) {
        try {
            return SinkFixture.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
