package io.flead.model.forest;

/**
 * The isolation-forest normaliser: {@code c(n)}, the average path length of an unsuccessful search in a binary
 * search tree of {@code n} points ({@code 2 H(n-1) - 2 (n-1) / n}, with {@code c(1) = 0}, {@code c(2) = 1}), and
 * the anomaly score {@code s = 2^(-E[h(x)] / c(psi))} of a mean path length over trees grown on {@code psi} rows.
 */
public final class PathLength {
    private static final double EULER_GAMMA = 0.5772156649015329;

    private PathLength() {
    }

    /** c(n): the expected path length that a leaf holding {@code n} rows stands for. */
    public static double c(double n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n < 2.5) { // n = 2 exactly (leaf sizes are whole numbers): one more comparison
            return 1.0;
        }
        return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /** The anomaly score of mean path length {@code meanPath} over trees grown on {@code subsample} rows: in (0, 1]. */
    public static double score(double meanPath, int subsample) {
        double norm = c(subsample);
        return norm <= 0 ? 0.5 : Math.pow(2.0, -meanPath / norm);
    }
}
