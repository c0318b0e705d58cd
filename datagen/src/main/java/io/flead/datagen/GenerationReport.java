package io.flead.datagen;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one generation: the configuration, the output directory and every device's summary. */
public record GenerationReport(Path outDir, GeneratorConfig config, List<DeviceSummary> devices) {

    public GenerationReport {
        devices = List.copyOf(devices);
    }

    public List<String> deviceIds() {
        return devices.stream().map(DeviceSummary::deviceId).toList();
    }

    public long trainingRows() {
        return devices.stream().mapToLong(DeviceSummary::trainingRows).sum();
    }

    public long holdoutRows() {
        return devices.stream().mapToLong(DeviceSummary::holdoutRows).sum();
    }

    public long trainingAttackRows() {
        return devices.stream().mapToLong(DeviceSummary::trainingAttackRows).sum();
    }

    public long holdoutAttackRows() {
        return devices.stream().mapToLong(DeviceSummary::holdoutAttackRows).sum();
    }

    /** Share of training and held-out rows labelled as attacks. */
    public double attackShare() {
        long rows = trainingRows() + holdoutRows();
        return rows == 0 ? 0 : (double) (trainingAttackRows() + holdoutAttackRows()) / rows;
    }

    /** Rows per {@code Attack_type} over training and held-out files, in Edge-IIoTset's order. */
    public Map<String, Long> labelCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (AttackType type : AttackType.values()) {
            long n = 0;
            for (DeviceSummary device : devices) {
                n += device.trainingLabels().getOrDefault(type.label(), 0) + device.holdoutLabels().getOrDefault(type.label(), 0);
            }
            counts.put(type.label(), n);
        }
        return counts;
    }

    /** The devices that drift, in device order. */
    public List<DeviceSummary> driftedDevices() {
        return devices.stream().filter(d -> d.drift() != null).toList();
    }

    /** The devices that never see an attack, in device order. */
    public List<DeviceSummary> attackFreeDevices() {
        return devices.stream().filter(DeviceSummary::attackFree).toList();
    }

    public Path manifest() {
        return outDir.resolve(DeviceDataGenerator.MANIFEST);
    }
}
