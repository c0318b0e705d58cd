package io.flead.datagen;

import java.time.Instant;

/**
 * What to generate: fleet size, rows per device, the held-out split, seed, drift and attack-free shares.
 *
 * @param devices          number of device files (device_1 … device_N)
 * @param rows             training rows per device file
 * @param holdoutRows      held-out rows per device, written under {@code holdout/} (0 for none)
 * @param seed             seed of every random choice; equal seeds give byte-identical files
 * @param driftDevices     how many devices drift
 * @param driftAt          fraction of the training rows after which drifted devices shift (0 &lt; x &lt; 1)
 * @param attackFree       how many devices never see an attack
 * @param start            earliest first-packet time of the fleet
 * @param threads          worker threads (does not change the output)
 * @param difficulty       {@link Difficulty#STANDARD} (the demo data) or {@link Difficulty#HARD}
 * @param labelSkewAlpha   under {@link Difficulty#HARD}, the Dirichlet concentration of each device's attack-type mix
 *                         (default {@value #DEFAULT_LABEL_SKEW_ALPHA}; smaller is more skewed; infinity: every device
 *                         draws its kind's attack types alike, no label skew)
 */
public record GeneratorConfig(int devices, int rows, int holdoutRows, long seed, DeviceShare driftDevices,
                              double driftAt, DeviceShare attackFree, Instant start, int threads,
                              Difficulty difficulty, double labelSkewAlpha) {

    public static final int DEFAULT_DEVICES = 2400;
    public static final int DEFAULT_ROWS = 1000;
    public static final int DEFAULT_HOLDOUT_ROWS = 200;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_DRIFT_AT = 0.7;
    public static final DeviceShare DEFAULT_ATTACK_FREE = DeviceShare.percentOf(15);
    public static final double DEFAULT_LABEL_SKEW_ALPHA = 0.5;
    public static final Instant DEFAULT_START = Instant.parse("2021-11-10T00:00:00Z");

    public GeneratorConfig {
        require(devices >= 1, "devices", devices, "must be at least 1");
        require(rows >= 1, "rows", rows, "must be at least 1");
        require(holdoutRows >= 0, "holdoutRows", holdoutRows, "must be 0 or more");
        require(driftDevices != null, "driftDevices", driftDevices, "must not be null");
        require(driftAt > 0 && driftAt < 1, "driftAt", driftAt, "must be between 0 and 1 (exclusive)");
        require(attackFree != null, "attackFree", attackFree, "must not be null");
        require(start != null, "start", start, "must not be null");
        require(threads >= 1, "threads", threads, "must be at least 1");
        require(difficulty != null, "difficulty", difficulty, "must not be null");
        require(labelSkewAlpha > 0, "labelSkewAlpha", labelSkewAlpha, "must be a positive number (infinity: no skew)");
    }

    /** The defaults: 2,400 devices of 1,000 rows, 200 held-out rows, seed 42, no drift, 15% attack-free. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(DEFAULT_DEVICES, DEFAULT_ROWS, DEFAULT_HOLDOUT_ROWS, DEFAULT_SEED, DeviceShare.NONE,
            DEFAULT_DRIFT_AT, DEFAULT_ATTACK_FREE, DEFAULT_START, Runtime.getRuntime().availableProcessors(), Difficulty.STANDARD,
            DEFAULT_LABEL_SKEW_ALPHA);
    }

    public GeneratorConfig withDevices(int value) {
        return new GeneratorConfig(value, rows, holdoutRows, seed, driftDevices, driftAt, attackFree, start, threads, difficulty, labelSkewAlpha);
    }

    public GeneratorConfig withRows(int value) {
        return new GeneratorConfig(devices, value, holdoutRows, seed, driftDevices, driftAt, attackFree, start, threads, difficulty, labelSkewAlpha);
    }

    public GeneratorConfig withHoldoutRows(int value) {
        return new GeneratorConfig(devices, rows, value, seed, driftDevices, driftAt, attackFree, start, threads, difficulty, labelSkewAlpha);
    }

    public GeneratorConfig withSeed(long value) {
        return new GeneratorConfig(devices, rows, holdoutRows, value, driftDevices, driftAt, attackFree, start, threads, difficulty, labelSkewAlpha);
    }

    public GeneratorConfig withDrift(DeviceShare share, double at) {
        return new GeneratorConfig(devices, rows, holdoutRows, seed, share, at, attackFree, start, threads, difficulty, labelSkewAlpha);
    }

    public GeneratorConfig withAttackFree(DeviceShare value) {
        return new GeneratorConfig(devices, rows, holdoutRows, seed, driftDevices, driftAt, value, start, threads, difficulty, labelSkewAlpha);
    }

    public GeneratorConfig withStart(Instant value) {
        return new GeneratorConfig(devices, rows, holdoutRows, seed, driftDevices, driftAt, attackFree, value, threads, difficulty, labelSkewAlpha);
    }

    public GeneratorConfig withThreads(int value) {
        return new GeneratorConfig(devices, rows, holdoutRows, seed, driftDevices, driftAt, attackFree, start, value, difficulty, labelSkewAlpha);
    }

    public GeneratorConfig withDifficulty(Difficulty value) {
        return new GeneratorConfig(devices, rows, holdoutRows, seed, driftDevices, driftAt, attackFree, start, threads,
            value, labelSkewAlpha);
    }

    /** The Dirichlet concentration of the hard mode's label skew ({@code Double.POSITIVE_INFINITY}: none). */
    public GeneratorConfig withLabelSkewAlpha(double value) {
        return new GeneratorConfig(devices, rows, holdoutRows, seed, driftDevices, driftAt, attackFree, start, threads,
            difficulty, value);
    }

    /** The first training row (0-based, header excluded) from which a drifted device is shifted. */
    public int driftStartRow() {
        return (int) Math.floor(rows * driftAt);
    }

    private static void require(boolean ok, String field, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for '" + field + "': " + rule);
        }
    }
}
