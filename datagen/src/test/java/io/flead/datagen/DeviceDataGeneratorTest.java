package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceDataGeneratorTest {

    private static final int DEVICES = 60;
    private static final int ROWS = 400;
    private static final int HOLDOUT = 100;
    private static final DateTimeFormatter FRAME_TIME = DateTimeFormatter.ofPattern(FrameTimeFormat.PATTERN);

    @TempDir
    static Path dir;
    static GenerationReport report;

    @BeforeAll
    static void generate() {
        GeneratorConfig config = GeneratorConfig.defaults().withDevices(DEVICES).withRows(ROWS)
            .withHoldoutRows(HOLDOUT).withSeed(7).withDrift(DeviceShare.percentOf(10), 0.7);
        report = DeviceDataGenerator.generate(config, dir);
    }

    @Test
    void writesOneTrainingAndOneHoldoutFilePerDeviceWithTheReportedRowCounts() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".csv")).count()).isEqualTo(DEVICES);
        }
        assertThat(report.deviceIds()).hasSize(DEVICES).startsWith("device_1", "device_2").endsWith("device_60");
        for (DeviceSummary device : report.devices()) {
            assertThat(DeviceFiles.rows(dir.resolve(device.trainingFile()))).hasSize(ROWS);
            assertThat(DeviceFiles.rows(dir.resolve("holdout").resolve(device.deviceId() + ".csv"))).hasSize(HOLDOUT);
            assertThat(device.trainingLabels().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ROWS);
        }
        assertThat(report.trainingRows()).isEqualTo((long) DEVICES * ROWS);
        assertThat(report.holdoutRows()).isEqualTo((long) DEVICES * HOLDOUT);
    }

    @Test
    void everyRowHasSixtyThreeCellsWithNumbersInNumericColumns() {
        for (String[] row : allRows(dir.resolve("device_5.csv"), dir.resolve("holdout/device_9.csv"))) {
            assertThat(row).hasSize(63);
            for (int i = 0; i < row.length; i++) {
                if (EdgeIiotSchema.typeOf(i) == EdgeIiotSchema.ColumnType.INTEGER
                    || EdgeIiotSchema.typeOf(i) == EdgeIiotSchema.ColumnType.DECIMAL) {
                    assertThat(Double.parseDouble(row[i])).as(EdgeIiotSchema.COLUMNS.get(i)).isFinite();
                }
                assertThat(row[i]).as(EdgeIiotSchema.COLUMNS.get(i)).isNotEmpty().doesNotContain("\"");
            }
        }
    }

    @Test
    void frameTimeStrictlyIncreasesPerDeviceFromTrainingIntoHoldout() {
        for (DeviceSummary device : report.devices()) {
            LocalDateTime previous = LocalDateTime.MIN;
            for (String[] row : allRows(dir.resolve(device.trainingFile()), dir.resolve(device.holdoutFile()))) {
                LocalDateTime time = LocalDateTime.parse(row[0], FRAME_TIME);
                assertThat(time).as(device.deviceId()).isAfter(previous);
                previous = time;
            }
        }
    }

    @Test
    void labelsUseOnlyTheRealAttackNamesAndAgreeWithAttackLabel() {
        Set<String> allowed = new HashSet<>(AttackType.attackLabels());
        Set<String> seen = new HashSet<>();
        for (DeviceSummary device : report.devices()) {
            for (String[] row : allRows(dir.resolve(device.trainingFile()), dir.resolve(device.holdoutFile()))) {
                String type = DeviceFiles.text(row, "Attack_type");
                String label = DeviceFiles.text(row, "Attack_label");
                assertThat(label).isEqualTo(type.equals("Normal") ? "0" : "1");
                if (!type.equals("Normal")) {
                    assertThat(allowed).contains(type);
                    seen.add(type);
                }
            }
        }
        assertThat(seen).as("attack types across 60 devices").hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void attackFreeDevicesNeverCarryAnAttackLabelWhileOthersDo() {
        List<DeviceSummary> free = report.attackFreeDevices();
        assertThat(free).hasSize(9);
        for (DeviceSummary device : free) {
            for (String[] row : allRows(dir.resolve(device.trainingFile()), dir.resolve(device.holdoutFile()))) {
                assertThat(DeviceFiles.text(row, "Attack_type")).as(device.deviceId()).isEqualTo("Normal");
            }
        }
        long attacked = report.devices().stream().filter(d -> d.trainingAttackRows() > 0).count();
        assertThat(attacked).isGreaterThanOrEqualTo(DEVICES - free.size() - 3);
    }

    @Test
    void attacksComeInEpisodesAndTheirRateDiffersPerDevice() {
        List<Double> shares = new ArrayList<>();
        long attackRows = 0;
        long runs = 0;
        for (DeviceSummary device : report.devices()) {
            List<String[]> rows = DeviceFiles.rows(dir.resolve(device.trainingFile()));
            String previous = "Normal";
            for (String[] row : rows) {
                String type = DeviceFiles.text(row, "Attack_type");
                attackRows += type.equals("Normal") ? 0 : 1;
                runs += !type.equals("Normal") && !type.equals(previous) ? 1 : 0;
                previous = type;
            }
            shares.add((double) device.trainingAttackRows() / ROWS);
        }
        assertThat((double) attackRows / runs).as("mean attack run length").isGreaterThan(8);
        assertThat(shares.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
            - shares.stream().filter(s -> s > 0).mapToDouble(Double::doubleValue).min().orElseThrow())
            .as("spread of per-device attack shares").isGreaterThan(0.2);
        assertThat(report.attackShare()).isBetween(0.08, 0.30);
    }

    @Test
    void devicesAreNonIidAcrossKinds() {
        Set<DeviceKind> kinds = new HashSet<>();
        report.devices().forEach(d -> kinds.add(d.kind()));
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(4);
        double mqttShareOnSensors = mqttShare(DeviceKind.MQTT_SENSOR);
        double mqttShareOnModbus = mqttShare(DeviceKind.MODBUS_CONTROLLER);
        assertThat(mqttShareOnSensors).isGreaterThan(0.3);
        assertThat(mqttShareOnModbus).isLessThan(0.05);
    }

    @Test
    void atLeastTwentyNumericFeaturesVaryOverTheFleet() {
        List<String[]> rows = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            rows.addAll(DeviceFiles.rows(dir.resolve("device_" + n + ".csv")));
        }
        long varying = IntStream.range(0, EdgeIiotSchema.WIDTH).filter(EdgeIiotSchema::isNumericFeature)
            .filter(i -> rows.stream().map(r -> r[i]).distinct().count() > 1).count();
        assertThat(varying).isGreaterThanOrEqualTo(30);
    }

    @Test
    void manifestRecordsTheConfigurationTotalsAndEveryDevice() throws IOException {
        String manifest = Files.readString(report.manifest());
        assertThat(manifest).startsWith("{\n  \"format\": \"edge-iiotset-like/1\"")
            .contains("\"devices\": 60, \"rows\": 400, \"holdout_rows\": 100, \"seed\": 7, \"drift_devices\": \"10%\"")
            .contains("\"training_rows\": 24000, \"holdout_rows\": 6000")
            .contains("\"training_attack_rows\": " + report.trainingAttackRows())
            .contains("\"frame_time_format\": \"yyyy-MM-dd HH:mm:ss.SSSSSS\"")
            .contains("\"columns\": [\"frame.time\", \"ip.src_host\"");
        for (DeviceSummary device : report.devices()) {
            assertThat(manifest).contains("{\"device_id\": \"" + device.deviceId() + "\", \"kind\": \""
                + device.kind() + "\", \"file\": \"" + device.deviceId() + ".csv\", \"holdout_file\": \"holdout/"
                + device.deviceId() + ".csv\", \"training_rows\": 400, \"holdout_rows\": 100, \"attack_free\": "
                + device.attackFree());
        }
        assertThat(manifest.chars().filter(c -> c == '{').count())
            .isEqualTo(manifest.chars().filter(c -> c == '}').count());
    }

    private static double mqttShare(DeviceKind kind) {
        long mqtt = 0;
        long all = 0;
        for (DeviceSummary device : report.devices()) {
            if (device.kind() == kind) {
                for (String[] row : DeviceFiles.rows(dir.resolve(device.trainingFile()))) {
                    all++;
                    mqtt += DeviceFiles.number(row, "mqtt.msgtype") > 0 ? 1 : 0;
                }
            }
        }
        assertThat(all).as("rows of " + kind).isPositive();
        return (double) mqtt / all;
    }

    private static List<String[]> allRows(Path... files) {
        List<String[]> rows = new ArrayList<>();
        for (Path file : files) {
            rows.addAll(DeviceFiles.rows(file));
        }
        return rows;
    }
}
