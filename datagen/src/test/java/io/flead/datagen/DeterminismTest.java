package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults().withDevices(40).withRows(300)
        .withHoldoutRows(60).withSeed(42).withDrift(DeviceShare.percentOf(10), 0.6);

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount(@TempDir Path a, @TempDir Path b) throws IOException {
        DeviceDataGenerator.generate(CONFIG.withThreads(1), a);
        DeviceDataGenerator.generate(CONFIG.withThreads(3), b);
        List<Path> files = relativeFiles(a);
        assertThat(files).hasSize(40 + 40 + 1).isEqualTo(relativeFiles(b));
        for (Path file : files) {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file.toString())
                .isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
    }

    @Test
    void anotherSeedGivesOtherData(@TempDir Path a, @TempDir Path b) throws IOException {
        DeviceDataGenerator.generate(CONFIG, a);
        DeviceDataGenerator.generate(CONFIG.withSeed(43), b);
        assertThat(Files.readString(b.resolve("device_1.csv"))).isNotEqualTo(Files.readString(a.resolve("device_1.csv")));
    }

    @Test
    void regeneratingIntoTheSameDirectoryReplacesOldDeviceFiles(@TempDir Path dir) throws IOException {
        DeviceDataGenerator.generate(CONFIG, dir);
        GenerationReport smaller = DeviceDataGenerator.generate(CONFIG.withDevices(5), dir);
        assertThat(relativeFiles(dir)).hasSize(5 + 5 + 1);
        assertThat(smaller.deviceIds()).hasSize(5);
    }

    @Test
    void driftDoesNotChangeTheOtherDevicesFiles(@TempDir Path plain, @TempDir Path drifted) throws IOException {
        DeviceDataGenerator.generate(CONFIG.withDrift(DeviceShare.NONE, 0.6), plain);
        GenerationReport report = DeviceDataGenerator.generate(CONFIG, drifted);
        for (DeviceSummary device : report.devices()) {
            boolean same = Files.readString(plain.resolve(device.trainingFile()))
                .equals(Files.readString(drifted.resolve(device.trainingFile())));
            assertThat(same).as(device.deviceId()).isEqualTo(device.drift() == null);
        }
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
