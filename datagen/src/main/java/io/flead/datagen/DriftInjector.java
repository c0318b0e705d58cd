package io.flead.datagen;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a device's drift while its rows stream by: it measures each drifted column over the packets that
 * carry it (non-zero values; a zero means the protocol layer is absent) before the start row, then adds a
 * step of {@code sigmas} of those values' standard deviations to every non-zero value from the start row on.
 */
final class DriftInjector {

    private final DriftPlan plan;
    private final int[] columns;
    private final int startRow;
    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    private double[] shift;
    private DeviceDrift drift;

    DriftInjector(DriftPlan plan, int startRow) {
        this.plan = plan;
        this.startRow = startRow;
        this.columns = plan.features().stream().mapToInt(EdgeIiotSchema::indexOf).toArray();
        this.count = new long[columns.length];
        this.mean = new double[columns.length];
        this.m2 = new double[columns.length];
    }

    /** Observes a row before the start, or shifts it from the start on. */
    void apply(int rowIndex, PacketRow row) {
        if (rowIndex < startRow) {
            observe(row);
            return;
        }
        if (shift == null) {
            start(row);
        }
        for (int f = 0; f < columns.length; f++) {
            double value = row.get(columns[f]);
            if (value != 0) {
                double shifted = value + shift[f];
                boolean integer = EdgeIiotSchema.typeOf(columns[f]) == EdgeIiotSchema.ColumnType.INTEGER;
                row.set(columns[f], integer ? Math.round(shifted) : shifted);
            }
        }
    }

    /** What was drifted, known once the start row has passed (null before). */
    DeviceDrift drift() {
        return drift;
    }

    private void observe(PacketRow row) {
        for (int f = 0; f < columns.length; f++) {
            double value = row.get(columns[f]);
            if (value == 0) {
                continue;
            }
            count[f]++;
            double delta = value - mean[f];
            mean[f] += delta / count[f];
            m2[f] += delta * (value - mean[f]);
        }
    }

    private void start(PacketRow row) {
        shift = new double[columns.length];
        List<DriftedFeature> features = new ArrayList<>();
        for (int f = 0; f < columns.length; f++) {
            double std = count[f] > 1 ? Math.sqrt(m2[f] / (count[f] - 1)) : 0;
            double scale = std > 0 ? std : Math.max(1.0, Math.abs(mean[f]) * 0.2);
            double sigmas = plan.sigmas().get(f);
            shift[f] = sigmas * scale;
            features.add(new DriftedFeature(plan.features().get(f), sigmas, round(mean[f]), round(std),
                round(shift[f])));
        }
        drift = new DeviceDrift(features, startRow, startRow + 2,
            Instant.EPOCH.plus(row.timeMicros, ChronoUnit.MICROS));
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
