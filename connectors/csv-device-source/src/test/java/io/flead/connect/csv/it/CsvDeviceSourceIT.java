package io.flead.connect.csv.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flead.connect.csv.it.TopicRecords.Read;
import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;
import io.flead.embedded.ConfigValidation;
import io.flead.embedded.ConnectResponse;
import io.flead.embedded.ConnectRestClient;
import io.flead.embedded.ConnectorOffset;
import io.flead.embedded.ConnectorStatus;
import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PluginDirs;

/**
 * The connector on a real distributed Connect worker with exactly-once source support enabled, loaded from the
 * built plugin directory through plugin.path; configs go through the REST API. This class never touches the
 * connector's classes directly: the worker must find them in the plugin directory.
 */
class CsvDeviceSourceIT {

    private static final String CONNECTOR_CLASS = "io.flead.connect.csv.CsvDeviceSourceConnector";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static EmbeddedStack stack;
    private static ConnectRestClient rest;
    private static String bootstrap;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.builder(work.resolve("stack"))
                .pluginDir(PluginDirs.locate("csv-device-source"))
                .exactlyOnceSource(true)
                .start();
        rest = stack.restClient();
        bootstrap = stack.kafka().bootstrapServers();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, String> config(Path input, String topic, String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "2");
        config.put("input.path", input.toString());
        config.put("input.file.pattern", "device_*.csv");
        config.put("topic", topic);
        config.put("errors.topic", topic + "-errors");
        config.put("exactly.once.support", "required");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private static void topics(String topic) throws Exception {
        TopicRecords.create(bootstrap, topic, 3);
        TopicRecords.create(bootstrap, topic + "-errors", 1);
    }

    private static Map<String, List<Long>> seqsByDevice(List<Read> reads) {
        Map<String, List<Long>> seqs = new HashMap<>();
        for (Read r : reads) {
            seqs.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().get("seq").asLong());
        }
        return seqs;
    }

    private static List<Long> range(long fromInclusive, long toInclusive) {
        List<Long> values = new ArrayList<>();
        for (long v = fromInclusive; v <= toInclusive; v++) {
            values.add(v);
        }
        return values;
    }

    @Test
    void connectorClassesAreNotOnTheTestClasspath() {
        assertThatThrownBy(() -> Class.forName(CONNECTOR_CLASS)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void tooManyBadRowsFailTheTaskSayingWhy() throws Exception {
        Path input = Files.createDirectories(work.resolve("budget"));
        Files.writeString(input.resolve("device_3.csv"), "frame.time,tcp.len\n2021-11-14 10:00:00,1\n"
                + "2021-11-14 10:00:01,x\n2021-11-14 10:00:02,y\n2021-11-14 10:00:03,4\n");
        String topic = "budget";
        topics(topic);
        rest.putConnectorConfigOrThrow("budget", config(input, topic, "bad.rows.max", "1"));
        ConnectorStatus failed = awaitTaskFailure("budget");
        assertThat(failed.tasks().get(0).trace()).contains(
                "Too many bad rows: 2 bad rows exceed 'bad.rows.max'=1; the last, of device 'device_3', was "
                        + "device_3.csv:4:2: unparseable number 'y' in column 'tcp.len'");
        rest.delete("budget");
    }

    private static ConnectorStatus awaitTaskFailure(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ConnectorStatus status = rest.connectorStatus(name);
                if (!status.tasks().isEmpty() && "FAILED".equals(status.tasks().get(0).state())) {
                    return status;
                }
            } catch (RuntimeException e) {
                // not created yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("task of " + name + " did not fail");
    }

    @Test
    void pluginLoadsFromThePluginPathAsASourceConnector() {
        assertThat(rest.listPlugins(true)).anySatisfy(p -> {
            assertThat(p.className()).isEqualTo(CONNECTOR_CLASS);
            assertThat(p.type()).isEqualTo("source");
            assertThat(p.version()).isEqualTo("0.1.0-SNAPSHOT");
        });
    }

    @Test
    void everyRowOfFiftyGeneratedDevicesArrivesKeyedByDeviceAndInPerDeviceOrder() throws Exception {
        Path input = work.resolve("fifty");
        int rows = 200;
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(50).withRows(rows).withHoldoutRows(0)
                .withThreads(1), input);
        String topic = "fifty";
        topics(topic);
        ConnectResponse put = rest.putConnectorConfig("fifty", config(input, topic, "tasks.max", "3"));
        assertThat(put.status()).as(put.body()).isIn(200, 201);
        rest.awaitRunning("fifty", 3, TIMEOUT);

        List<Read> reads = TopicRecords.readAtLeast(bootstrap, topic, 50 * rows);
        assertThat(reads).hasSize(50 * rows);
        Map<String, List<Long>> seqs = seqsByDevice(reads);
        assertThat(seqs).hasSize(50);
        assertThat(seqs.keySet()).allMatch(k -> k.matches("device_\\d+"));
        // seq is the line number: rows 2..rows+1, each once, in file order within the device's partition
        seqs.values().forEach(s -> assertThat(s).isEqualTo(range(2, rows + 1)));
        Read first = reads.get(0);
        assertThat(TopicRecords.fieldNames(first.value()))
                .containsExactlyInAnyOrder("device_id", "ts", "seq", "features", "label", "attack_type");
        assertThat(first.value().get("device_id").asText()).isEqualTo(first.key());
        assertThat(first.timestamp()).isEqualTo(first.value().get("ts").asLong());
        assertThat(first.value().get("features").get("tcp.len").isNumber()).isTrue();
        assertThat(reads).allMatch(r -> r.value().get("label").isNull() || Set.of(0, 1).contains(r.value().get("label").asInt()));
        assertThat(reads.stream().map(r -> r.value().get("attack_type").asText()).collect(Collectors.toSet()))
                .contains("Normal");
        // per device, event time never goes backwards
        Map<String, Long> lastTs = new HashMap<>();
        for (Read r : reads) {
            long ts = r.value().get("ts").asLong();
            assertThat(ts).isGreaterThanOrEqualTo(lastTs.getOrDefault(r.key(), Long.MIN_VALUE));
            lastTs.put(r.key(), ts);
        }
        assertThat(TopicRecords.readUntil(bootstrap, topic + "-errors", r -> true)).isEmpty();
        rest.delete("fifty");
    }

    @Test
    void stoppingAndResumingMidReplayThenRestartingTheWorkerLosesAndDuplicatesNothing() throws Exception {
        Path input = work.resolve("restart");
        int files = 4;
        int rows = 4_000;
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(files).withRows(rows).withHoldoutRows(0)
                .withThreads(1), input);
        String topic = "restart";
        topics(topic);
        rest.putConnectorConfigOrThrow("restart", config(input, topic, "replay.mode", "rate", "replay.rate", "2000",
                "batch.size", "100"));
        rest.awaitRunning("restart", 2, TIMEOUT);

        List<Read> before = TopicRecords.readAtLeast(bootstrap, topic, 2_000);
        assertThat(before.size()).isBetween(2_000, files * rows - 1);
        rest.stop("restart");
        rest.awaitState("restart", "STOPPED", TIMEOUT);
        int atStop = TopicRecords.readUntil(bootstrap, topic, r -> true).size();
        assertThat(atStop).isLessThan(files * rows);
        rest.resume("restart");
        rest.awaitRunning("restart", 2, TIMEOUT);

        int beforeWorkerRestart = TopicRecords.readAtLeast(bootstrap, topic, atStop + 4_000).size();
        assertThat(beforeWorkerRestart).isLessThan(files * rows);
        stack.connect().restart();
        rest.awaitRunning("restart", 2, TIMEOUT);

        List<Read> all = TopicRecords.readAtLeast(bootstrap, topic, files * rows);
        assertThat(all).hasSize(files * rows);
        Map<String, List<Long>> seqs = seqsByDevice(all);
        assertThat(seqs).hasSize(files);
        seqs.values().forEach(s -> assertThat(s).isEqualTo(range(2, rows + 1)));
        rest.delete("restart");
    }

    @Test
    void badRowsLandInTheErrorTopicWithFileAndLineWhileTheirNeighboursArrive() throws Exception {
        Path input = Files.createDirectories(work.resolve("bad"));
        String header = "frame.time,tcp.len,tcp.flags,Attack_label,Attack_type\n";
        Files.writeString(input.resolve("device_7.csv"), header
                + "2021-11-14 10:00:00.000000,60,24,0,Normal\n"
                + "2021-11-14 10:00:01.000000,abc,24,0,Normal\n"
                + "2021-11-14 10:00:02.000000,61,24,1,DDoS_UDP\n"
                + "\n"
                + "not-a-time,62,24,0,Normal\n"
                + "2021-11-14 10:00:05.000000,63,24\n"
                + "2021-11-14 10:00:06.000000,64,24,0,Normal\n");
        byte[] invalid = (header + "2021-11-14 10:00:00.000000,1,2,0,Normal\n2021-11-14 10:00:01.000000,")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\u00ff\u00fe,2,0,Normal\n2021-11-14 10:00:02.000000,3,2,0,Normal\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] both = new byte[invalid.length + tail.length];
        System.arraycopy(invalid, 0, both, 0, invalid.length);
        System.arraycopy(tail, 0, both, invalid.length, tail.length);
        Files.write(input.resolve("device_8.csv"), both);
        String topic = "bad";
        topics(topic);
        rest.putConnectorConfigOrThrow("bad", config(input, topic));
        rest.awaitRunning("bad", 2, TIMEOUT);

        List<Read> good = TopicRecords.readAtLeast(bootstrap, topic, 5);
        assertThat(good).extracting(r -> r.key() + ":" + r.value().get("seq").asLong())
                .containsExactlyInAnyOrder("device_7:2", "device_7:4", "device_7:8", "device_8:2", "device_8:4");
        List<Read> errors = TopicRecords.readAtLeast(bootstrap, topic + "-errors", 5);
        assertThat(errors).extracting(r -> r.value().get("file").asText() + ":" + r.value().get("line").asLong()
                        + ":" + r.value().get("column").asInt())
                .containsExactlyInAnyOrder("device_7.csv:3:2", "device_7.csv:5:1", "device_7.csv:6:1",
                        "device_7.csv:7:4", "device_8.csv:3:2");
        assertThat(errors).extracting(r -> r.value().get("reason").asText()).contains(
                "unparseable number 'abc' in column 'tcp.len'", "empty line",
                "bad time 'not-a-time' in column 'frame.time'",
                "wrong column count: expected 5 columns, found 3");
        assertThat(errors).allSatisfy(r -> assertThat(r.value().get("path").asText()).startsWith(input.toString()));
        rest.delete("bad");
    }

    @Test
    void hostileContentIsReportedByFileLineAndColumnWhileEveryOtherRowAndFileFlows() throws Exception {
        Path input = Files.createDirectories(work.resolve("hostile"));
        String header = "frame.time,tcp.len,tcp.flags,http.request.method,Attack_label,Attack_type\n";
        Files.writeString(input.resolve("device_1.csv"), header
                + "2021-11-14 10:00:00,60,24,GET,0,Normal\n"
                + "2021-11-14 10:00:01,1e309,24,GET,0,Normal\n"
                + "2021-11-14 10:00:02,61,-1e400,GET,0,Normal\n"
                + "2021-11-14 10:00:03,62,24,\"GET,0,Normal\n"
                + "2021-11-14 10:00:04,63,24,GET,0,Normal\n"
                + "2021-11-14 10:00:05,64,24,\"POST\",1,DDoS_TCP\n"
                + "2021-11-14 10:00:06,65,24,GET,0,Normal\n");
        Files.writeString(input.resolve("device_2.csv"), "frame.time,tcp.len,tcp.flags,tcp.len\n2021-11-14 10:00:00,1,2,3\n");
        Files.writeString(input.resolve("device_3.csv"), header + "2021-11-14 10:00:00,70,24,GET,0,Normal\n");
        String topic = "hostile";
        topics(topic);
        rest.putConnectorConfigOrThrow("hostile", config(input, topic, "tasks.max", "1", "value.format", "json",
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
        rest.awaitRunning("hostile", 1, TIMEOUT);

        List<Read> good = TopicRecords.readAtLeast(bootstrap, topic, 5);
        assertThat(good).extracting(r -> r.key() + ":" + r.value().get("seq").asLong())
                .containsExactlyInAnyOrder("device_1:2", "device_1:6", "device_1:7", "device_1:8", "device_3:2");
        assertThat(good).allSatisfy(r -> r.value().get("features").elements()
                .forEachRemaining(v -> assertThat(v.isNumber()).as(r.value().toString()).isTrue()));
        List<Read> errors = TopicRecords.readAtLeast(bootstrap, topic + "-errors", 4);
        assertThat(errors).extracting(r -> r.value().get("file").asText() + ":" + r.value().get("line").asLong()
                        + ":" + r.value().get("column").asInt() + ": " + r.value().get("reason").asText())
                .containsExactlyInAnyOrder(
                        "device_1.csv:3:2: number '1e309' overflows a double in column 'tcp.len'",
                        "device_1.csv:4:3: number '-1e400' overflows a double in column 'tcp.flags'",
                        "device_1.csv:5:4: broken quoting: unterminated quote in column 'http.request.method'",
                        "device_2.csv:1:4: header repeats column name 'tcp.len' (first in column 2)");
        assertThat(rest.connectorStatus("hostile").tasks()).extracting(t -> t.state()).containsExactly("RUNNING");
        rest.delete("hostile");
    }

    @Test
    void aFileThatCannotBeReadIsReportedWhileTheTaskKeepsReplayingTheOthers() throws Exception {
        Path input = Files.createDirectories(work.resolve("unreadable"));
        int rows = 600;
        for (String name : List.of("device_1.csv", "device_2.csv")) {
            StringBuilder text = new StringBuilder("frame.time,tcp.len\n");
            for (int i = 0; i < rows; i++) {
                text.append(1_636_884_000_000L + i * 1000L).append(',').append(i).append('\n');
            }
            Files.writeString(input.resolve(name), text);
        }
        String topic = "unreadable";
        topics(topic);
        // paced, so that device_1 is still being replayed when device_2 becomes unreadable; no rescans, so that the
        // restarted task still holds device_2 in its config
        rest.putConnectorConfigOrThrow("unreadable", config(input, topic, "tasks.max", "1", "replay.mode", "rate",
                "replay.rate", "200", "batch.size", "20", "input.rescan.interval.ms", "0"));
        rest.awaitRunning("unreadable", 1, TIMEOUT);
        TopicRecords.readAtLeast(bootstrap, topic, 40);

        // replaced between discovery and open by something that cannot be read as a file, even by root
        Path device2 = input.resolve("device_2.csv");
        Files.delete(device2);
        Files.createDirectory(device2);
        ConnectResponse restart = rest.send("POST", "connectors/unreadable/tasks/0/restart", null);
        assertThat(restart.status()).as(restart.body()).isIn(200, 202, 204);

        List<Read> errors = TopicRecords.readAtLeast(bootstrap, topic + "-errors", 1);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("device_2");
            assertThat(e.value().get("file").asText() + ":" + e.value().get("line").asLong() + ":"
                    + e.value().get("column").asInt()).isEqualTo("device_2.csv:1:1");
            assertThat(e.value().get("reason").asText()).startsWith("cannot read the file: ");
        });
        List<Read> all = TopicRecords.readUntil(bootstrap, topic,
                reads -> reads.stream().filter(r -> r.key().equals("device_1")).count() >= rows);
        assertThat(seqsByDevice(all).get("device_1")).isEqualTo(range(2, rows + 1));
        assertThat(rest.connectorStatus("unreadable").tasks()).extracting(t -> t.state()).containsExactly("RUNNING");
        rest.delete("unreadable");
    }

    @Test
    void jsonValueFormatWritesContractValuesThroughTheByteArrayConverter() throws Exception {
        Path input = Files.createDirectories(work.resolve("json"));
        Files.writeString(input.resolve("device_5.csv"), "frame.time,tcp.len,udp.time_delta,mqtt.topic,Attack_label,Attack_type\n"
                + "2021-11-14 10:00:00.500000,60,0.25,a/b,1,MITM\n"
                + "2021-11-14 10:00:01.000000,oops,0.5,a/b,0,Normal\n"
                + "2021-11-14 10:00:02.000000,61,0.75,\"x,\"\"y\"\"\",,\n");
        String topic = "json";
        topics(topic);
        rest.putConnectorConfigOrThrow("json", config(input, topic, "value.format", "json",
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter", "string.columns", "keep"));
        rest.awaitRunning("json", 1, TIMEOUT);
        List<Read> reads = TopicRecords.readAtLeast(bootstrap, topic, 2);
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0).value().toString()).isEqualTo("{\"device_id\":\"device_5\",\"ts\":1636884000500,\"seq\":2,"
                + "\"features\":{\"tcp.len\":60,\"udp.time_delta\":0.25},\"label\":1,\"attack_type\":\"MITM\","
                + "\"strings\":{\"mqtt.topic\":\"a/b\"}}");
        assertThat(reads.get(1).value().get("strings").get("mqtt.topic").asText()).isEqualTo("x,\"y\"");
        assertThat(reads.get(1).value().get("label").isNull()).isTrue();
        assertThat(reads.get(1).timestamp()).isEqualTo(1636884002000L);
        List<Read> errors = TopicRecords.readAtLeast(bootstrap, topic + "-errors", 1);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.value().get("reason").asText())
                .isEqualTo("unparseable number 'oops' in column 'tcp.len'"));
        rest.delete("json");
    }

    @Test
    void alteredOffsetsAreCheckedAndTheTaskSeeksToTheNewPosition() throws Exception {
        Path input = Files.createDirectories(work.resolve("offsets"));
        String header = "frame.time,tcp.len\n";
        StringBuilder text = new StringBuilder(header);
        for (int i = 0; i < 5; i++) {
            text.append("2021-11-14 10:00:0").append(i).append(",").append(i).append('\n');
        }
        Path file = Files.writeString(input.resolve("device_9.csv"), text);
        String topic = "offsets";
        topics(topic);
        rest.putConnectorConfigOrThrow("offsets", config(input, topic));
        rest.awaitRunning("offsets", 1, TIMEOUT);
        assertThat(TopicRecords.readAtLeast(bootstrap, topic, 5)).hasSize(5);
        rest.stop("offsets");
        rest.awaitState("offsets", "STOPPED", TIMEOUT);

        List<ConnectorOffset> offsets = rest.getOffsets("offsets");
        assertThat(offsets).singleElement().satisfies(o -> {
            assertThat(o.partition()).isEqualTo(Map.of("file", file.toString()));
            assertThat(((Number) o.offset().get("line")).longValue()).isEqualTo(6);
            assertThat(((Number) o.offset().get("position")).longValue()).isEqualTo(Files.size(file));
        });
        Map<String, Object> partition = Map.of("file", file.toString());
        assertThatThrownBy(() -> rest.alterOffsets("offsets",
                List.of(new ConnectorOffset(partition, Map.of("line", "three", "position", 1)))))
                .hasMessageContaining("'line'");
        long lineFour = text.indexOf("2021-11-14 10:00:02");
        rest.alterOffsets("offsets", List.of(new ConnectorOffset(partition, Map.of("line", 3, "position", lineFour))));
        rest.resume("offsets");
        rest.awaitRunning("offsets", 1, TIMEOUT);
        List<Read> reads = TopicRecords.readAtLeast(bootstrap, topic, 8);
        assertThat(reads).extracting(r -> r.value().get("seq").asLong()).containsExactly(2L, 3L, 4L, 5L, 6L, 4L, 5L, 6L);
        rest.delete("offsets");
    }

    @Test
    void aFileRewrittenWhileTheConnectorWasStoppedIsReportedAndReplayedFromItsStart() throws Exception {
        Path input = Files.createDirectories(work.resolve("changed"));
        String header = "frame.time,tcp.len\n";
        StringBuilder first = new StringBuilder(header);
        for (int i = 0; i < 5; i++) {
            first.append("2021-11-14 10:00:0").append(i).append(",").append(i).append('\n');
        }
        Path file = Files.writeString(input.resolve("device_4.csv"), first);
        String topic = "changed";
        topics(topic);
        rest.putConnectorConfigOrThrow("changed", config(input, topic, "tasks.max", "1"));
        rest.awaitRunning("changed", 1, TIMEOUT);
        assertThat(TopicRecords.readAtLeast(bootstrap, topic, 5)).hasSize(5);
        rest.stop("changed");
        rest.awaitState("changed", "STOPPED", TIMEOUT);
        assertThat(rest.getOffsets("changed")).singleElement().satisfies(o -> {
            assertThat(((Number) o.offset().get("size")).longValue()).isEqualTo(first.length());
            assertThat(o.offset()).containsKeys("head_bytes", "head_crc");
        });

        // regenerated shorter, with other times, and moved over the old file
        Path next = Files.writeString(work.resolve("device_4.csv.next"), header
                + "2021-11-15 08:00:00,10\n2021-11-15 08:00:01,11\n2021-11-15 08:00:02,12\n");
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        rest.resume("changed");
        rest.awaitRunning("changed", 1, TIMEOUT);

        List<Read> errors = TopicRecords.readAtLeast(bootstrap, topic + "-errors", 1);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("device_4");
            assertThat(e.value().get("file").asText() + ":" + e.value().get("line").asLong()).isEqualTo("device_4.csv:0");
            assertThat(e.value().get("reason").asText()).isEqualTo("file changed since its offset was stored: it is "
                    + Files.size(file) + " bytes, shorter than the stored position " + first.length()
                    + " (line 6); replaying it from its start ('file.changed.policy'=restart)");
        });
        List<Read> reads = TopicRecords.readAtLeast(bootstrap, topic, 8);
        assertThat(reads).extracting(r -> r.value().get("seq").asLong() + ":" + r.value().get("features").get("tcp.len"))
                .containsExactly("2:0", "3:1", "4:2", "5:3", "6:4", "2:10", "3:11", "4:12");
        rest.delete("changed");
    }

    @Test
    void newFilesArePickedUpOnRescan() throws Exception {
        Path input = Files.createDirectories(work.resolve("rescan"));
        String header = "frame.time,tcp.len\n";
        Files.writeString(input.resolve("device_1.csv"), header + "2021-11-14 10:00:00,1\n");
        String topic = "rescan";
        topics(topic);
        rest.putConnectorConfigOrThrow("rescan", config(input, topic, "input.rescan.interval.ms", "500"));
        rest.awaitRunning("rescan", 1, TIMEOUT);
        assertThat(TopicRecords.readAtLeast(bootstrap, topic, 1)).hasSize(1);
        Path tmp = work.resolve("device_2.csv.tmp");
        Files.writeString(tmp, header + "2021-11-14 10:00:00,2\n2021-11-14 10:00:01,3\n");
        Files.move(tmp, input.resolve("device_2.csv"));
        rest.awaitRunning("rescan", 2, TIMEOUT);
        List<Read> reads = TopicRecords.readAtLeast(bootstrap, topic, 3);
        assertThat(reads).extracting(r -> r.key() + ":" + r.value().get("features").get("tcp.len").asInt())
                .containsExactlyInAnyOrder("device_1:1", "device_2:2", "device_2:3");
        rest.delete("rescan");
    }

    @Test
    void invalidConfigIsRefusedByValidateAndByPutNamingTheKey() throws Exception {
        Path input = Files.createDirectories(work.resolve("invalid"));
        Map<String, String> bad = config(input, "invalid", "replay.mode", "rate", "device.id.regex", "device_\\d+\\.csv");
        ConfigValidation validation = rest.validate(CONNECTOR_CLASS, bad);
        assertThat(validation.errors("replay.rate")).containsExactly(
                "Invalid value '0' for configuration 'replay.rate': must be a positive number when 'replay.mode' is 'rate'");
        assertThat(validation.errors("device.id.regex")).singleElement().asString()
                .contains("'device.id.regex'").contains("capturing group");
        assertThat(validation.errorCount()).isEqualTo(2);

        ConnectResponse put = rest.putConnectorConfig("invalid", bad);
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.body()).contains("replay.rate").contains("device.id.regex");
        assertThat(rest.connectors()).doesNotContain("invalid");

        Map<String, String> missingDir = config(input.resolve("absent"), "invalid");
        assertThat(rest.validate(CONNECTOR_CLASS, missingDir).errors("input.path")).singleElement().asString()
                .contains("not a readable directory");
    }
}
