package io.flead.fedavg.core;

import java.util.Arrays;
import java.util.Random;

/**
 * The arithmetic of one round on the clients' parameter deltas (each of length d+1, bias last): norm
 * clipping, the three strategies, and Gaussian noise for central differential privacy.
 */
public final class DeltaAggregation {
    private DeltaAggregation() {
    }

    /** Scales each delta down to L2 norm at most {@code clipNorm}, in place. */
    public static void clip(double[][] deltas, double clipNorm) {
        clip(deltas, clipNorm, null);
    }

    /**
     * Scales each delta down to L2 norm at most {@code clipNorm}, in place, and when {@code weights} is
     * given multiplies each delta's weight by the same factor, so that a delta far above the norm counts
     * as little in a weighted mean as its honest share of the norm (a x1000 update weighs 1/1000).
     */
    public static void clip(double[][] deltas, double clipNorm, double[] weights) {
        for (int i = 0; i < deltas.length; i++) {
            double[] delta = deltas[i];
            double norm = 0;
            for (double v : delta) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > clipNorm) {
                double scale = clipNorm / norm;
                for (int j = 0; j < delta.length; j++) {
                    delta[j] *= scale;
                }
                if (weights != null) {
                    weights[i] *= scale;
                }
            }
        }
    }

    /** The median of the deltas' L2 norms. */
    public static double medianNorm(double[][] deltas) {
        double[] norms = new double[deltas.length];
        for (int i = 0; i < deltas.length; i++) {
            double s = 0;
            for (double v : deltas[i]) {
                s += v * v;
            }
            norms[i] = Math.sqrt(s);
        }
        Arrays.sort(norms);
        int m = norms.length;
        return m % 2 == 1 ? norms[m / 2] : 0.5 * (norms[m / 2 - 1] + norms[m / 2]);
    }

    /** The weighted mean of the deltas ({@code weights} need not sum to 1; all zero gives zero). */
    public static double[] weightedMean(double[][] deltas, double[] weights, int length) {
        double[] out = new double[length];
        double total = 0;
        for (int i = 0; i < deltas.length; i++) {
            total += weights[i];
            for (int j = 0; j < length; j++) {
                out[j] += weights[i] * deltas[i][j];
            }
        }
        for (int j = 0; j < length && total > 0; j++) {
            out[j] /= total;
        }
        return out;
    }

    /** Coordinate-wise mean after dropping floor(beta * m) lowest and highest values per coordinate. */
    public static double[] trimmedMean(double[][] deltas, double beta, int length) {
        int m = deltas.length;
        int trim = (int) Math.floor(beta * m);
        if (m - 2 * trim < 1) {
            trim = (m - 1) / 2;
        }
        double[] column = new double[m];
        double[] out = new double[length];
        for (int j = 0; j < length; j++) {
            sortedColumn(deltas, j, column);
            double sum = 0;
            for (int i = trim; i < m - trim; i++) {
                sum += column[i];
            }
            out[j] = sum / (m - 2 * trim);
        }
        return out;
    }

    /** Coordinate-wise median (the mean of the two middle values for an even count). */
    public static double[] median(double[][] deltas, int length) {
        int m = deltas.length;
        double[] column = new double[m];
        double[] out = new double[length];
        for (int j = 0; j < length; j++) {
            sortedColumn(deltas, j, column);
            out[j] = m % 2 == 1 ? column[m / 2] : 0.5 * (column[m / 2 - 1] + column[m / 2]);
        }
        return out;
    }

    /**
     * The indices Krum selects: each delta is scored by the sum of its squared distances to its
     * max(1, m - f - 2) nearest other deltas, and the {@code select} lowest scores are kept (multi-Krum; 1 is Krum,
     * 0 keeps m - f), in increasing index order. With an honest majority that clusters, an outlier, or a group of
     * attackers far from the honest ones, scores high. Returns the scores in {@code scoresOut} (length m).
     */
    public static int[] krum(double[][] deltas, int byzantine, int select, double[] scoresOut) {
        int m = deltas.length;
        int neighbours = Math.max(1, Math.min(m - 1, m - byzantine - 2));
        int keep = select > 0 ? Math.min(select, m) : Math.max(1, m - byzantine);
        double[][] dist = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int k = i + 1; k < m; k++) {
                double s = 0;
                for (int j = 0; j < deltas[i].length; j++) {
                    double g = deltas[i][j] - deltas[k][j];
                    s += g * g;
                }
                dist[i][k] = s;
                dist[k][i] = s;
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            double[] row = new double[m - 1];
            int c = 0;
            for (int k = 0; k < m; k++) {
                if (k != i) {
                    row[c++] = dist[i][k];
                }
            }
            Arrays.sort(row);
            double score = 0;
            for (int k = 0; k < Math.min(neighbours, row.length); k++) {
                score += row[k];
            }
            scoresOut[i] = score;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scoresOut[a], scoresOut[b]) != 0
            ? Double.compare(scoresOut[a], scoresOut[b]) : Integer.compare(a, b));
        int[] chosen = new int[keep];
        for (int i = 0; i < keep; i++) {
            chosen[i] = order[i];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** Adds N(0, sigma^2) to every coordinate, in place, drawing from {@code random}. */
    public static void addGaussianNoise(double[] aggregate, double sigma, Random random) {
        for (int j = 0; j < aggregate.length; j++) {
            aggregate[j] += sigma * random.nextGaussian();
        }
    }

    private static void sortedColumn(double[][] deltas, int j, double[] column) {
        for (int i = 0; i < deltas.length; i++) {
            column[i] = deltas[i][j];
        }
        Arrays.sort(column);
    }
}
