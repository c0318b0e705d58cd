package io.flead.driftcheck.core;

/**
 * Debounce of one device's alerts: per (feature, method) the level already raised and when.
 *
 * <p>A raised key stays quiet until its test comes back below the warning threshold (recovery),
 * its severity escalates from warn to alert, or the cooldown has passed since it last fired.
 */
final class AlertGate {
    private final byte[] level;
    private final long[] lastMs;

    AlertGate(int keys) {
        this.level = new byte[keys];
        this.lastMs = new long[keys];
    }

    /**
     * Offers a test outcome for a key (null severity: tested and fine) and answers whether to emit it.
     */
    boolean offer(int key, Severity severity, long nowMs, long cooldownMs) {
        if (severity == null) {
            level[key] = 0;
            return false;
        }
        byte wanted = (byte) (severity.ordinal() + 1);
        boolean emit = level[key] == 0 || wanted > level[key] || nowMs - lastMs[key] >= cooldownMs;
        if (emit) {
            level[key] = (byte) Math.max(level[key], wanted);
            lastMs[key] = nowMs;
        }
        return emit;
    }

    long arrayBytes() {
        return level.length + 8L * lastMs.length;
    }
}
