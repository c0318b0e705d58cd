package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flead up's demo files: rewritten only where the bytes of a new generation differ. */
class DemoDevicesTest {
    private static final List<String> FIVE = List.of("device_1.csv", "device_2.csv", "device_3.csv", "device_4.csv",
        "device_5.csv");

    @TempDir
    Path work;

    private Path dataDir() {
        return work.resolve("data").resolve("devices");
    }

    private static GeneratorConfig config(int devices, int rows) {
        return GeneratorConfig.defaults().withDevices(devices).withRows(rows).withHoldoutRows(20).withThreads(1);
    }

    /** Per file of the data directory (held-out ones too), its file key: the inode, which a rewrite changes. */
    private Map<String, Object> fileKeys() throws IOException {
        Map<String, Object> keys = new HashMap<>();
        try (var files = Files.walk(dataDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                keys.put(dataDir().relativize(f).toString(),
                    Files.readAttributes(f, BasicFileAttributes.class).fileKey());
            }
        }
        return keys;
    }

    @Test
    void aFirstGenerationAddsEveryFile() throws IOException {
        DemoDevices demo = DemoDevices.stage(config(5, 40), dataDir());
        assertThat(demo.changedTrainingFiles()).isEqualTo(FIVE);
        assertThat(demo.replacedTrainingFiles()).isEmpty();
        assertThat(demo.unchangedTrainingRows()).isZero();
        GenerationReport report = demo.install();
        assertThat(report.outDir()).isEqualTo(dataDir());
        assertThat(report.trainingRows()).isEqualTo(200);
        assertThat(Files.readString(report.manifest())).contains("\"rows\": 40");
        assertThat(fileKeys()).containsKeys("device_1.csv", "holdout/device_5.csv", "manifest.json");
        assertThat(Files.exists(dataDir().resolveSibling("devices.staging"))).isFalse();
    }

    @Test
    void theSameParametersLeaveEveryFileInPlace() throws IOException {
        DemoDevices.stage(config(5, 40), dataDir()).install();
        Map<String, Object> before = fileKeys();
        DemoDevices again = DemoDevices.stage(config(5, 40), dataDir());
        assertThat(again.changedTrainingFiles()).isEmpty();
        assertThat(again.unchangedTrainingRows()).isEqualTo(200);
        assertThat(again.install().trainingRows()).isEqualTo(200);
        assertThat(fileKeys()).isEqualTo(before);
    }

    @Test
    void otherRowsReplaceEveryFileWithTheBytesAFreshGenerationWrites() throws IOException {
        DemoDevices.stage(config(5, 40), dataDir()).install();
        Map<String, Object> before = fileKeys();
        DemoDevices fewer = DemoDevices.stage(config(5, 20), dataDir());
        assertThat(fewer.changedTrainingFiles()).isEqualTo(FIVE);
        assertThat(fewer.replacedTrainingFiles()).isEqualTo(FIVE);
        assertThat(fewer.unchangedTrainingRows()).isZero();
        assertThat(fewer.install().trainingRows()).isEqualTo(100);

        Path fresh = DeviceDataGenerator.generate(config(5, 20), work.resolve("fresh")).outDir();
        for (String file : List.of("device_1.csv", "device_5.csv", "holdout/device_3.csv", "manifest.json")) {
            assertThat(Files.mismatch(fresh.resolve(file), dataDir().resolve(file))).as(file).isEqualTo(-1L);
            assertThat(fileKeys().get(file)).as(file).isNotEqualTo(before.get(file));
        }
    }

    @Test
    void fewerDevicesRemoveTheFilesNoLongerGenerated() throws IOException {
        DemoDevices.stage(config(5, 40), dataDir()).install();
        DemoDevices three = DemoDevices.stage(config(3, 40), dataDir());
        assertThat(three.changedTrainingFiles()).contains("device_4.csv", "device_5.csv");
        assertThat(three.replacedTrainingFiles()).isEqualTo(three.changedTrainingFiles());
        long rewritten = three.changedTrainingFiles().stream().filter(f -> !f.equals("device_4.csv")
            && !f.equals("device_5.csv")).count();
        assertThat(three.unchangedTrainingRows()).isEqualTo((3 - rewritten) * 40);
        three.install();
        assertThat(fileKeys().keySet()).doesNotContain("device_4.csv", "device_5.csv", "holdout/device_4.csv")
            .contains("device_3.csv", "holdout/device_3.csv");
    }
}
