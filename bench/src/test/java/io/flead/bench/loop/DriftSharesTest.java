package io.flead.bench.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.DeviceShare;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftSharesTest {

    @Test
    void alertedDevicesAreCountedApartForCleanAndDriftingDevices() {
        List<String> devices = List.of("d1", "d2", "d3", "d4", "d5", "d6");
        DriftShares s = DriftShares.of(Set.of("d1", "d5", "d6", "elsewhere"), devices, Set.of("d5", "d6", "d4"));

        assertThat(s).isEqualTo(new DriftShares(3, 1, 3, 2));
        assertThat(s.clean()).isEqualTo(1.0 / 3);
        assertThat(s.drifting()).isEqualTo(2.0 / 3);
    }

    @Test
    void runsArePooledByDevicesNotByAveragingShares() {
        DriftShares pooled = DriftShares.pooled(List.of(new DriftShares(190, 19, 10, 10), new DriftShares(10, 0, 0, 0)));

        assertThat(pooled).isEqualTo(new DriftShares(200, 19, 10, 10));
        assertThat(pooled.clean()).isEqualTo(0.095);
        assertThat(new DriftShares(5, 0, 0, 0).drifting()).isNaN();
    }

    @Test
    void theManifestNamesTheDevicesDatagenGeneratedAndThoseItMadeDrift(@TempDir Path work) throws Exception {
        Path devices = work.resolve(DemoManifest.IN_WORK_DIR).getParent();
        GenerationReport report = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(40).withRows(200)
            .withHoldoutRows(0).withThreads(1).withDrift(DeviceShare.percentOf(10), GeneratorConfig.DEFAULT_DRIFT_AT),
            devices);

        DemoManifest manifest = DemoManifest.read(work);

        assertThat(manifest.devices()).hasSize(40)
            .containsExactlyInAnyOrderElementsOf(report.devices().stream().map(d -> d.deviceId()).toList());
        assertThat(manifest.drifting()).hasSize(4).isSubsetOf(manifest.devices())
            .isEqualTo(report.driftedDevices().stream().map(d -> d.deviceId()).collect(Collectors.toSet()));
        assertThat(DemoManifest.read(work.resolve("elsewhere"))).isNull();
    }
}
