package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTest {
    private static final byte NORMAL = 0;
    private static final byte UDP = AttackTypes.indexOf("DDoS_UDP");
    private static final byte XSS = AttackTypes.indexOf("XSS");

    private static DeviceRows device(String id, byte[] y, byte[] type) {
        float[] x = new float[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new DeviceRows(id, y.length, 1, x, y, type);
    }

    @Test
    void novelRowsAreHeldOutAttacksOfATypeTheDeviceNeverShowedInTraining() {
        DeviceRows train = device("device_1", new byte[] {0, 1, 0}, new byte[] {NORMAL, UDP, XSS});
        DeviceRows holdout = device("device_1", new byte[] {1, 1, 0, 1}, new byte[] {UDP, XSS, NORMAL, XSS});
        FleetData data = new FleetData(List.of("f"), List.of(train), List.of(holdout));
        List<DeviceRows> novel = NovelAttacks.rows(data);
        // XSS only appeared on a training row labelled normal (label noise), so the device never showed it as an attack
        assertThat(novel.get(0).n()).isEqualTo(2);
        assertThat(novel.get(0).x()).containsExactly(1f, 3f);
        assertThat(novel.get(0).type()).containsExactly(XSS, XSS);
        assertThat(NovelAttacks.count(novel)).isEqualTo(2);
    }

    @Test
    void unseenDevicesKeepNoRowInTrainingAndTestOnAllTheirRows() {
        List<DeviceRows> train = new java.util.ArrayList<>();
        List<DeviceRows> holdout = new java.util.ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            train.add(device("device_" + k, new byte[] {0, 1, 0}, new byte[] {0, UDP, 0}));
            holdout.add(device("device_" + k, new byte[] {1, 0}, new byte[] {UDP, 0}));
        }
        FleetData.DeviceSplit split = new FleetData(List.of("f"), train, holdout).holdOutDevices(0.2, 7);
        assertThat(split.unseen()).hasSize(2);
        assertThat(split.seen().train()).hasSize(8);
        assertThat(split.seen().holdout()).hasSize(8);
        assertThat(split.unseen()).allSatisfy(d -> assertThat(d.n()).isEqualTo(5));
        List<String> unseenIds = split.unseen().stream().map(DeviceRows::deviceId).toList();
        assertThat(split.seen().train()).noneMatch(d -> unseenIds.contains(d.deviceId()));
        assertThat(split.seen().holdout()).noneMatch(d -> unseenIds.contains(d.deviceId()));
        assertThat(new FleetData(List.of("f"), train, holdout).holdOutDevices(0.2, 7).unseen()
            .stream().map(DeviceRows::deviceId).toList()).as("seeded").isEqualTo(unseenIds);
    }

    @Test
    void aNewKindKeepsNoneOfItsDevicesInTrainingAndTheKindsAreReadFromTheManifest(@org.junit.jupiter.api.io.TempDir
                                                                                   java.nio.file.Path dir) {
        io.flead.datagen.GenerationReport generated = io.flead.datagen.DeviceDataGenerator.generate(
            io.flead.datagen.GeneratorConfig.defaults().withDevices(12).withRows(50).withHoldoutRows(10).withSeed(3)
                .withThreads(1), dir);
        java.util.Map<String, String> kinds = DeviceKinds.read(dir);
        assertThat(kinds).hasSize(12);
        generated.devices().forEach(d -> assertThat(kinds.get(d.deviceId())).isEqualTo(d.kind().name()));
        List<String> distinct = kinds.values().stream().distinct().sorted().toList();
        assertThat(DeviceKinds.heldOut(kinds, 0)).isEqualTo(distinct.get(0));
        assertThat(DeviceKinds.heldOut(kinds, distinct.size() + 1L)).isEqualTo(distinct.get(1));
        FleetData data = FleetData.load(dir, List.of("tcp.len"));
        String kind = distinct.get(0);
        FleetData.DeviceSplit split = data.holdOutKind(kinds, kind);
        assertThat(split.unseen()).isNotEmpty().allSatisfy(d -> {
            assertThat(kinds.get(d.deviceId())).isEqualTo(kind);
            assertThat(d.n()).isEqualTo(60);
        });
        assertThat(split.seen().train()).allSatisfy(d -> assertThat(kinds.get(d.deviceId())).isNotEqualTo(kind));
        assertThat(split.seen().train().size() + split.unseen().size()).isEqualTo(12);
        assertThat(DeviceKinds.read(dir.resolve("holdout"))).as("no manifest there").isEmpty();
    }

    @Test
    void deviceSpreadIsTheNearestRankTenthPercentileAndMedian() {
        double[] f1 = {0.9, 0.1, 0.5, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4, 1.0};
        DeviceF1 spread = DeviceF1.of(f1);
        assertThat(spread.p10()).isEqualTo(0.1);
        assertThat(spread.median()).isEqualTo(0.5);
        assertThat(spread.devices()).isEqualTo(10);
        assertThat(DeviceF1.of(new double[0]).p10()).isNaN();
    }
}
