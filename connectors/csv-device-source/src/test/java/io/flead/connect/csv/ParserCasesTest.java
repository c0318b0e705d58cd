package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Data-driven parser cases: each directory under parser-cases holds input.csv, expected.json and optional config. */
class ParserCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path root = casesRoot();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Path casesRoot() throws URISyntaxException {
        return Path.of(ParserCasesTest.class.getResource("/parser-cases").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileReplaysToItsExpectedRecordsAndErrors(String name) throws Exception {
        Path dir = casesRoot().resolve(name);
        CsvDeviceSourceConfig config = new CsvDeviceSourceConfig(props(dir));
        List<ReplayItem> items = replay(dir.resolve("input.csv"), config);
        RecordMapper mapper = new RecordMapper("edge-iiot-stream", "errors", false);

        ArrayNode records = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        for (ReplayItem item : items) {
            if (item.isBad()) {
                Map<String, Object> bad = new HashMap<>(item.bad().toValue());
                bad.remove("raw");
                errors.add(normalised(bad));
            } else {
                records.add(normalised(mapper.data(item).value()));
            }
        }
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        assertThat(records).as("records of %s", name).isEqualTo(expected.get("records"));
        assertThat(errors).as("errors of %s", name).isEqualTo(expected.get("errors"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void restartingAfterEveryItemYieldsTheSameItems(String name) throws Exception {
        Path dir = casesRoot().resolve(name);
        CsvDeviceSourceConfig config = new CsvDeviceSourceConfig(props(dir));
        Path file = dir.resolve("input.csv");
        List<ReplayItem> straight = replay(file, config);
        List<ReplayItem> resumed = new ArrayList<>();
        FileOffset offset = FileOffset.START;
        while (true) {
            DeviceFileCursor cursor = cursor(file, config, offset);
            ReplayItem item = cursor.take();
            cursor.close();
            if (item == null) {
                break;
            }
            resumed.add(item);
            if (item.offset().equals(offset)) {
                break; // a header problem ends the file without moving on
            }
            offset = item.offset();
        }
        assertThat(resumed).isEqualTo(straight);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsonValueFormatWritesTheBytesJsonConverterWrites(String name) throws Exception {
        Path dir = casesRoot().resolve(name);
        List<ReplayItem> items = replay(dir.resolve("input.csv"), new CsvDeviceSourceConfig(props(dir)));
        RecordMapper maps = new RecordMapper("t", "e", false);
        RecordMapper bytes = new RecordMapper("t", "e", true);
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), false);
            for (ReplayItem item : items) {
                SourceRecord expected = item.isBad() ? maps.error(item) : maps.data(item);
                SourceRecord actual = item.isBad() ? bytes.error(item) : bytes.data(item);
                assertThat(new String((byte[]) actual.value(), StandardCharsets.UTF_8))
                        .isEqualTo(new String(converter.fromConnectData("t", null, expected.value()), StandardCharsets.UTF_8));
                assertThat(actual.valueSchema()).isEqualTo(Schema.BYTES_SCHEMA);
                assertThat(actual.sourceOffset()).isEqualTo(expected.sourceOffset());
            }
        }
    }

    static List<ReplayItem> replay(Path file, CsvDeviceSourceConfig config) {
        List<ReplayItem> items = new ArrayList<>();
        try (DeviceFileCursor cursor = cursor(file, config, FileOffset.START)) {
            for (ReplayItem item = cursor.take(); item != null; item = cursor.take()) {
                items.add(item);
            }
        }
        return items;
    }

    static DeviceFileCursor cursor(Path file, CsvDeviceSourceConfig config, FileOffset offset) {
        String regex = config.deviceIdRegex();
        String device = regex.isEmpty() ? null : DeviceIds.fromFileName(Pattern.compile(regex), file.getFileName().toString());
        return new DeviceFileCursor(file, device, offset, new DeviceCsvParser(config.csvOptions()), false,
                FileChangedPolicy.RESTART);
    }

    private static Map<String, String> props(Path dir) throws IOException {
        Map<String, String> props = new HashMap<>();
        props.put(CsvDeviceSourceConfig.INPUT_PATH, dir.toString());
        Path extra = dir.resolve("config.properties");
        if (Files.exists(extra)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(extra)) {
                p.load(r);
            }
            p.forEach((k, v) -> props.put((String) k, (String) v));
        }
        return props;
    }

    private static JsonNode normalised(Object value) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(value));
    }
}
