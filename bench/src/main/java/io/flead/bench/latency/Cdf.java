package io.flead.bench.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The empirical CDF of latency samples: point i of n sorted samples is (x_i, (i+1)/n). Long runs are thinned to at
 * most a given number of points, always keeping the first and the last (the maximum at fraction 1).
 */
public record Cdf(double[] latencyMs, double[] fraction) {

    /** A point of the CDF: this latency or less for this fraction of the samples. */
    public record Point(double latencyMs, double fraction) {
    }

    public static Cdf of(Percentiles samples, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints " + maxPoints + " must be at least 2");
        }
        double[] sorted = samples.sorted();
        int n = sorted.length;
        int points = Math.min(n, maxPoints);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int k = 0; k < points; k++) {
            int i = points == 1 ? n - 1 : (int) Math.round(k * (n - 1) / (double) (points - 1));
            x[k] = sorted[i];
            y[k] = (i + 1) / (double) n;
        }
        return new Cdf(x, y);
    }

    public List<Point> points() {
        List<Point> list = new ArrayList<>(latencyMs.length);
        for (int i = 0; i < latencyMs.length; i++) {
            list.add(new Point(latencyMs[i], fraction[i]));
        }
        return list;
    }

    /** CSV of several CDFs, one per number of producers: header {@code producers,latency_ms,fraction}. */
    public static String csv(Map<Integer, Cdf> byProducers) {
        StringBuilder s = new StringBuilder("producers,latency_ms,fraction\n");
        byProducers.forEach((producers, cdf) -> cdf.points().forEach(p -> s.append(producers).append(',')
            .append(String.format(Locale.ROOT, "%.3f,%.6f", p.latencyMs(), p.fraction())).append('\n')));
        return s.toString();
    }
}
