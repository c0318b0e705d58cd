package io.flead.bench.quality;

/**
 * One device's rows for the harness: numeric features row-major as floats (NaN = missing) and labels.
 */
public record DeviceRows(String deviceId, int n, int d, float[] x, byte[] y) {

    /** Copies row {@code i} into {@code out} as doubles. */
    public void copyRow(int i, double[] out) {
        int offset = i * d;
        for (int j = 0; j < d; j++) {
            out[j] = x[offset + j];
        }
    }

    public int positives() {
        int p = 0;
        for (int i = 0; i < n; i++) {
            p += y[i];
        }
        return p;
    }
}
