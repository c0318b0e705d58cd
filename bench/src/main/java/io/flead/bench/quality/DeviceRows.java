package io.flead.bench.quality;

/**
 * One device's rows for the harness: numeric features row-major as floats (NaN = missing), labels, and each
 * row's attack type as an index into {@link AttackTypes#NAMES} (-1 when the file has no known type for it).
 */
public record DeviceRows(String deviceId, int n, int d, float[] x, byte[] y, byte[] type) {

    /** Rows without attack types (every type unknown). */
    public DeviceRows(String deviceId, int n, int d, float[] x, byte[] y) {
        this(deviceId, n, d, x, y, unknownTypes(n));
    }

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

    /** This device's rows followed by all of {@code other}'s, under this device's id. */
    public DeviceRows concat(DeviceRows other) {
        float[] xs = java.util.Arrays.copyOf(x, (n + other.n) * d);
        System.arraycopy(other.x, 0, xs, n * d, other.n * d);
        byte[] ys = java.util.Arrays.copyOf(y, n + other.n);
        System.arraycopy(other.y, 0, ys, n, other.n);
        byte[] ts = java.util.Arrays.copyOf(type, n + other.n);
        System.arraycopy(other.type, 0, ts, n, other.n);
        return new DeviceRows(deviceId, n + other.n, d, xs, ys, ts);
    }

    /** The rows whose {@code keep} flag is set, in order. */
    public DeviceRows select(boolean[] keep) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            m += keep[i] ? 1 : 0;
        }
        float[] xs = new float[m * d];
        byte[] ys = new byte[m];
        byte[] ts = new byte[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                System.arraycopy(x, i * d, xs, k * d, d);
                ys[k] = y[i];
                ts[k++] = type[i];
            }
        }
        return new DeviceRows(deviceId, m, d, xs, ys, ts);
    }

    private static byte[] unknownTypes(int n) {
        byte[] t = new byte[n];
        java.util.Arrays.fill(t, (byte) -1);
        return t;
    }
}
