package io.flead.bench.quality;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures over several seeds: per metric the mean and the half-width of its 95% Student-t interval
 * ({@code t(0.975, n-1) * sd / sqrt(n)}), as a fold: {@link #add} one seed's figures at a time.
 */
public final class SeedSummary {
    /** t(0.975, df) for df = 1..30; above 30 the normal 1.96 is within 2%. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    /** One metric's mean and 95% half-width over {@code n} seeds (half-width NaN for one seed). */
    public record Interval(String name, String unit, int n, double mean, double halfWidth) {
    }

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private int seeds;

    public void add(List<QualityPrinter.Metric> seedFigures) {
        seeds++;
        for (QualityPrinter.Metric m : seedFigures) {
            values.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m.value());
            units.put(m.name(), m.unit());
        }
    }

    /** Prints one seed's figures as {@code seed <seed> <name> <value> <unit>} lines, then adds them. */
    public void add(long seed, List<QualityPrinter.Metric> seedFigures, PrintStream out) {
        seedFigures.forEach(m -> out.printf(Locale.ROOT, "seed %d %s %s %s%n", seed, m.name(),
            QualityPrinter.format(m.value()), m.unit()));
        add(seedFigures);
    }

    /** Prints every interval as {@code metric} lines: the mean, and after more than one seed its half-width as _ci95. */
    public void printMetrics(PrintStream out) {
        for (Interval i : intervals()) {
            out.printf(Locale.ROOT, "metric %s %s %s%n", i.name(), QualityPrinter.format(i.mean()), i.unit());
            if (seeds > 1) {
                out.printf(Locale.ROOT, "metric %s_ci95 %s %s%n", i.name(), QualityPrinter.format(i.halfWidth()),
                    i.unit());
            }
        }
    }

    /** Every metric's interval, in first-seen order; NaN values (a figure a seed could not measure) are skipped. */
    public List<Interval> intervals() {
        List<Interval> out = new ArrayList<>();
        values.forEach((name, xs) -> out.add(of(name, units.get(name), xs)));
        return out;
    }

    static Interval of(String name, String unit, List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
        int n = v.length;
        double mean = 0;
        for (double x : v) {
            mean += x / n;
        }
        if (n < 2) {
            return new Interval(name, unit, n, n == 0 ? Double.NaN : mean, Double.NaN);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return new Interval(name, unit, n, mean, tQuantile(n - 1) * sd / Math.sqrt(n));
    }

    static double tQuantile(int df) {
        return df <= T_975.length ? T_975[df - 1] : 1.96;
    }
}
