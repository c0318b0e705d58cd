package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftTest {

    private static final int ROWS = 1000;

    @TempDir
    static Path dir;
    static GenerationReport report;

    @BeforeAll
    static void generate() {
        report = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(80).withRows(ROWS)
            .withHoldoutRows(200).withSeed(11).withDrift(DeviceShare.count(16), 0.7), dir);
    }

    @Test
    void reportNamesTheDriftedDevicesTheirFeaturesAndTheStartRow() {
        assertThat(report.driftedDevices()).hasSize(16);
        for (DeviceSummary device : report.driftedDevices()) {
            DeviceDrift drift = device.drift();
            assertThat(drift.features()).hasSizeBetween(1, 3);
            assertThat(drift.startRow()).isEqualTo(700);
            assertThat(drift.startLine()).isEqualTo(702);
            String[] startRow = DeviceFiles.rows(dir.resolve(device.trainingFile())).get(700);
            assertThat(drift.startTime().toString().replace('T', ' ').replace("Z", ""))
                .startsWith(startRow[0].substring(0, 19));
            drift.featureNames().forEach(f -> assertThat(EdgeIiotSchema.isNumericFeature(EdgeIiotSchema.indexOf(f))).isTrue());
        }
        assertThat(report.devices().stream().filter(d -> d.drift() == null).count())
            .isEqualTo(report.devices().size() - report.driftedDevices().size());
    }

    @Test
    void driftedFeaturesReallyShiftByAtLeastOneSigmaFromTheStartRowOn() {
        for (DeviceSummary device : report.driftedDevices()) {
            List<String[]> rows = new ArrayList<>(DeviceFiles.rows(dir.resolve(device.trainingFile())));
            rows.addAll(DeviceFiles.rows(dir.resolve(device.holdoutFile())));
            for (String feature : device.drift().featureNames()) {
                double[] before = column(rows.subList(0, 700), feature);
                double[] after = column(rows.subList(700, rows.size()), feature);
                double step = (mean(after) - mean(before)) / std(before);
                assertThat(step).as(device.deviceId() + " " + feature).isGreaterThanOrEqualTo(1.0);
            }
        }
    }

    @Test
    void manifestListsTheDriftedDevicesWithFeaturesAndStart() throws Exception {
        String manifest = Files.readString(report.manifest());
        for (DeviceSummary device : report.driftedDevices()) {
            String entry = "{\"device_id\": \"" + device.deviceId() + "\", \"features\": [\""
                + String.join("\", \"", device.drift().featureNames()) + "\"], \"start_row\": 700, \"start_line\": 702";
            assertThat(manifest).contains(entry);
        }
    }

    @Test
    void noDriftMeansNoDriftedDevices(@TempDir Path other) {
        GenerationReport plain = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(10).withRows(50)
            .withHoldoutRows(10), other);
        assertThat(plain.driftedDevices()).isEmpty();
    }

    /** The feature's values in the packets that carry it (zero means the protocol layer is absent). */
    private static double[] column(List<String[]> rows, String feature) {
        return rows.stream().mapToDouble(r -> DeviceFiles.number(r, feature)).filter(v -> v != 0).toArray();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double std(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
