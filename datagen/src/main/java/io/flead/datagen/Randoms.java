package io.flead.datagen;

import java.util.List;
import java.util.SplittableRandom;

/** Small sampling helpers over a {@link SplittableRandom}, so every draw stays on a device's own stream. */
final class Randoms {

    private Randoms() {
    }

    /** A well-mixed seed for stream {@code stream} of generator seed {@code seed}. */
    static long seedFor(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double uniform(SplittableRandom rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    static double exponential(SplittableRandom rng, double mean) {
        return -mean * Math.log(1.0 - rng.nextDouble());
    }

    /** A normal draw (Box-Muller; one value per call keeps the stream simple). */
    static double gaussian(SplittableRandom rng, double mean, double sd) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return mean + sd * Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** A rounded normal draw clamped to [min, max]. */
    static long gaussianInt(SplittableRandom rng, double mean, double sd, long min, long max) {
        long value = Math.round(gaussian(rng, mean, sd));
        return Math.max(min, Math.min(max, value));
    }

    static boolean chance(SplittableRandom rng, double probability) {
        return rng.nextDouble() < probability;
    }

    static <T> T pick(SplittableRandom rng, List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    static <T> T pick(SplittableRandom rng, T[] items) {
        return items[rng.nextInt(items.length)];
    }

    /** An IPv4 address outside the device network, for spoofed flood sources. */
    static String publicIp(SplittableRandom rng) {
        return (11 + rng.nextInt(200)) + "." + rng.nextInt(256) + "." + rng.nextInt(256) + "." + (1 + rng.nextInt(254));
    }
}
