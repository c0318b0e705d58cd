package io.flead.bench.quality;

import io.flead.model.EdgeIiotFeatures;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Injects one {@link DriftKind} into a copy of a generator device's rows from a start row on. Feature drifts go to the
 * device's most often present monitored feature and, as datagen's own drift does, only to its non-zero values (a zero
 * means the protocol layer is absent from the packet), measured in the standard deviation of those values over the
 * device's normal rows before the start.
 */
final class DriftInjections {
    /** Rows over which a ramp grows to one standard deviation. */
    static final int RAMP_ROWS = 1_000;
    /** Share of the rows that the new attack type takes over from the start. */
    static final double NEW_ATTACK_SHARE = 0.3;

    /** Drifted rows, the attack flags drift-check sees, and the feature a drift is to be found on (null: any). */
    record Injected(DeviceRows rows, boolean[] labelledAttack, String feature) {
    }

    private final List<float[]> newAttackRows;
    private final int newType;
    private final Set<String> ignored;
    private final long seed;

    DriftInjections(List<float[]> newAttackRows, int newType, Set<String> ignored, long seed) {
        this.newAttackRows = newAttackRows;
        this.newType = newType;
        this.ignored = ignored;
        this.seed = seed;
    }

    Injected inject(DeviceRows device, DriftKind kind, int start) {
        float[] x = Arrays.copyOf(device.x(), device.x().length);
        byte[] type = Arrays.copyOf(device.type(), device.n());
        boolean[] labelled = new boolean[device.n()];
        for (int i = 0; i < device.n(); i++) {
            labelled[i] = device.y()[i] == 1;
        }
        if (kind == DriftKind.NEW_ATTACK) {
            Random random = new Random(seed + device.deviceId().hashCode());
            for (int i = start; i < device.n() && !newAttackRows.isEmpty(); i++) {
                if (random.nextDouble() < NEW_ATTACK_SHARE) {
                    float[] row = newAttackRows.get(random.nextInt(newAttackRows.size()));
                    System.arraycopy(row, 0, x, i * device.d(), device.d());
                    labelled[i] = false;
                    type[i] = (byte) newType;
                }
            }
            return new Injected(new DeviceRows(device.deviceId(), device.n(), device.d(), x, device.y(), type), labelled,
                null);
        }
        int j = mostPresentFeature(device, start);
        double[] moments = nonZeroMoments(device, j, start);
        for (int i = start; i < device.n(); i++) {
            int at = i * device.d() + j;
            if (x[at] != 0 && !Float.isNaN(x[at])) {
                x[at] = (float) drifted(kind, x[at], moments[0], moments[1], i - start);
            }
        }
        return new Injected(new DeviceRows(device.deviceId(), device.n(), device.d(), x, device.y(), type), labelled,
            EdgeIiotFeatures.MODEL.get(j));
    }

    private static double drifted(DriftKind kind, double value, double mean, double std, int rowsIn) {
        return switch (kind) {
            case STEP_0_5_SIGMA -> value + 0.5 * std;
            case STEP_1_SIGMA -> value + std;
            case RAMP -> value + std * Math.min(1.0, (rowsIn + 1) / (double) RAMP_ROWS);
            case VARIANCE -> mean + 2.0 * (value - mean);
            case NEW_ATTACK -> value;
        };
    }

    /** The monitored numeric feature with the most non-zero values on the device's normal rows before the start. */
    private int mostPresentFeature(DeviceRows device, int start) {
        int best = -1;
        int bestCount = 0;
        for (int j = 0; j < EdgeIiotFeatures.NUMERIC.size(); j++) {
            if (ignored.contains(EdgeIiotFeatures.MODEL.get(j))) {
                continue;
            }
            double[] m = nonZeroMoments(device, j, start);
            if (m[2] > bestCount && m[1] > 0) {
                best = j;
                bestCount = (int) m[2];
            }
        }
        if (best < 0) {
            throw new IllegalStateException("device " + device.deviceId() + " has no varying monitored feature");
        }
        return best;
    }

    /** Mean, standard deviation and count of the non-zero values of feature {@code j} on normal rows before start. */
    private static double[] nonZeroMoments(DeviceRows device, int j, int start) {
        long n = 0;
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < Math.min(start, device.n()); i++) {
            float v = device.x()[i * device.d() + j];
            if (device.y()[i] == 0 && v != 0 && !Float.isNaN(v)) {
                n++;
                double delta = v - mean;
                mean += delta / n;
                m2 += delta * (v - mean);
            }
        }
        return new double[] {mean, n > 1 ? Math.sqrt(m2 / (n - 1)) : 0.0, n};
    }
}
