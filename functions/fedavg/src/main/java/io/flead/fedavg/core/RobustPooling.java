package io.flead.fedavg.core;

import io.flead.model.ClassMoments;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pools what a round's devices report besides their parameters (window statistics, class moments, evaluation
 * histograms) with an order statistic per feature or bin instead of an exact merge, so that a minority of devices
 * reporting huge values moves the result no further than the honest devices' own spread.
 *
 * <p>Statistics: per feature, trimmed-mean merges exactly the devices whose mean and variance lie inside the trimmed
 * range widened by its width (so a clean round merges as before); median takes the median of the devices' means as the
 * centre and the median of each device's second moment about it as the variance. Histograms and
 * confusion counts: per bin, the sum of the devices' counts without the {@code floor(beta * m)} largest (scaled back
 * to m devices); the median keeps m times the median count. Counts can only be inflated, never made negative, so only
 * the top is cut.
 */
public final class RobustPooling {
    private RobustPooling() {
    }

    /** The statistics of {@code parts} pooled by {@code strategy} (fedavg: the exact merge); null for none. */
    public static FeatureStats stats(List<FeatureStats> parts, Strategy strategy, double beta) {
        if (parts.isEmpty()) {
            return null;
        }
        int d = parts.get(0).dimension();
        if (strategy == Strategy.FEDAVG || strategy == Strategy.KRUM) {
            FeatureStats merged = new FeatureStats(d);
            parts.forEach(merged::mergeInPlace);
            return merged;
        }
        return strategy == Strategy.MEDIAN ? medianStats(parts, d) : trimmedStats(parts, d, beta);
    }

    /**
     * Per feature, the exact merge of the devices whose mean and variance both lie within the trimmed range of the
     * devices' values (from the value floor(beta * m) from the bottom to the one as far from the top, the trim counted
     * on all m devices) widened on each side ({@link #widenedRange}). Honest non-IID devices rarely fall outside it,
     * so on a clean round this is the exact merge; a mean of 10^6 among honest means of a few units does.
     */
    private static FeatureStats trimmedStats(List<FeatureStats> parts, int d, double beta) {
        long[] count = new long[d];
        double[] mean = new double[d];
        double[] m2 = new double[d];
        double[] means = new double[parts.size()];
        double[] variances = new double[parts.size()];
        for (int j = 0; j < d; j++) {
            int k = 0;
            for (FeatureStats s : parts) {
                if (s.count(j) > 0) {
                    means[k] = s.mean(j);
                    variances[k++] = s.variance(j);
                }
            }
            if (k == 0) {
                continue;
            }
            double[] meanRange = widenedRange(Arrays.copyOf(means, k), beta, parts.size());
            double[] varianceRange = widenedRange(Arrays.copyOf(variances, k), beta, parts.size());
            FeatureStats merged = new FeatureStats(1);
            for (FeatureStats s : parts) {
                if (s.count(j) > 0 && s.mean(j) >= meanRange[0] && s.mean(j) <= meanRange[1]
                    && s.variance(j) >= varianceRange[0] && s.variance(j) <= varianceRange[1]) {
                    merged.mergeInPlace(new FeatureStats(new long[] {s.count(j)}, new double[] {s.mean(j)},
                        new double[] {s.m2(j)}));
                }
            }
            count[j] = merged.count(0);
            mean[j] = merged.mean(0);
            m2[j] = merged.m2(0);
        }
        return new FeatureStats(count, mean, m2);
    }

    /**
     * The trimmed range of {@code values} (trim counted on m; the median alone when too few) widened on each side by
     * its width, or by half its ends' magnitude when that is more (honest devices that agree closely still differ).
     */
    static double[] widenedRange(double[] values, double beta, int m) {
        Arrays.sort(values);
        int k = values.length;
        int trim = Math.min((int) Math.floor(beta * m), (k - 1) / 2);
        double lo = values[trim];
        double hi = values[k - 1 - trim];
        double width = Math.max(hi - lo, 0.5 * (Math.abs(lo) + Math.abs(hi)));
        return new double[] {lo - width, hi + width};
    }

    /**
     * Per feature, the median of the devices' means as the centre and the median of their second moments about it
     * (variance plus squared distance to the centre) as the variance, so the spread between devices is kept.
     */
    private static FeatureStats medianStats(List<FeatureStats> parts, int d) {
        Strategy strategy = Strategy.MEDIAN;
        double beta = 0;
        long[] count = new long[d];
        double[] mean = new double[d];
        double[] m2 = new double[d];
        double[] values = new double[parts.size()];
        for (int j = 0; j < d; j++) {
            int k = 0;
            for (FeatureStats s : parts) {
                if (s.count(j) > 0) {
                    values[k++] = s.mean(j);
                    count[j] += s.count(j);
                }
            }
            if (k == 0) {
                continue;
            }
            double centre = centre(Arrays.copyOf(values, k), strategy, beta, parts.size());
            k = 0;
            for (FeatureStats s : parts) {
                if (s.count(j) > 0) {
                    double gap = s.mean(j) - centre;
                    values[k++] = s.variance(j) + gap * gap;
                }
            }
            mean[j] = centre;
            m2[j] = centre(Arrays.copyOf(values, k), strategy, beta, parts.size()) * count[j];
        }
        return new FeatureStats(count, mean, m2);
    }

    /** Both classes' moments pooled as {@link #stats}; null for none. */
    public static ClassMoments classMoments(List<ClassMoments> parts, Strategy strategy, double beta) {
        if (parts.isEmpty()) {
            return null;
        }
        List<FeatureStats> positive = new ArrayList<>();
        List<FeatureStats> negative = new ArrayList<>();
        for (ClassMoments c : parts) {
            positive.add(c.positive());
            negative.add(c.negative());
        }
        return new ClassMoments(stats(positive, strategy, beta), stats(negative, strategy, beta));
    }

    /** The evaluations of {@code parts} pooled by {@code strategy} (fedavg: the sum). */
    public static Eval evals(List<Eval> parts, Strategy strategy, double beta) {
        if (strategy == Strategy.FEDAVG || strategy == Strategy.KRUM || parts.size() < 2) {
            Eval sum = Eval.EMPTY;
            for (Eval e : parts) {
                sum = sum.plus(e);
            }
            return sum;
        }
        int m = parts.size();
        long[] column = new long[m];
        long[] confusion = new long[4];
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < m; i++) {
                Eval e = parts.get(i);
                column[i] = switch (c) {
                    case 0 -> e.tp();
                    case 1 -> e.fp();
                    case 2 -> e.tn();
                    default -> e.fn();
                };
            }
            confusion[c] = pooledCount(column, strategy, beta);
        }
        return new Eval(confusion[0], confusion[1], confusion[2], confusion[3],
            histogram(parts, true, strategy, beta), histogram(parts, false, strategy, beta));
    }

    private static long[] histogram(List<Eval> parts, boolean positive, Strategy strategy, double beta) {
        int bins = -1;
        for (Eval e : parts) {
            long[] h = positive ? e.scoreHistPos() : e.scoreHistNeg();
            if (h != null) {
                bins = Math.max(bins, h.length);
            }
        }
        if (bins < 0) {
            return null;
        }
        long[] out = new long[bins];
        long[] column = new long[parts.size()];
        for (int b = 0; b < bins; b++) {
            for (int i = 0; i < parts.size(); i++) {
                long[] h = positive ? parts.get(i).scoreHistPos() : parts.get(i).scoreHistNeg();
                column[i] = h == null || b >= h.length ? 0 : h[b];
            }
            out[b] = pooledCount(column, strategy, beta);
        }
        return out;
    }

    /** m devices' counts as one count: the sum without the largest floor(beta * m), scaled to m; or m x the median. */
    static long pooledCount(long[] column, Strategy strategy, double beta) {
        long[] sorted = column.clone();
        Arrays.sort(sorted);
        int m = sorted.length;
        if (strategy == Strategy.MEDIAN) {
            double median = m % 2 == 1 ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
            return Math.round(median * m);
        }
        int trim = Math.min((int) Math.floor(beta * m), m - 1);
        double sum = 0;
        for (int i = 0; i < m - trim; i++) {
            sum += sorted[i];
        }
        return Math.round(sum * m / (m - trim));
    }

    /**
     * The trimmed mean (or median) of the {@code k} values some of {@code m} devices reported for one feature. The
     * trim is counted on all m devices, not on the k that reported: a class most honest windows lack (attacks) is
     * reported by few honest devices and by every poisoning one, so a trim counted on k would leave most poisoned
     * values in. When k cannot lose floor(beta * m) values at each end, the median.
     */
    static double centre(double[] values, Strategy strategy, double beta, int m) {
        Arrays.sort(values);
        int k = values.length;
        int trim = (int) Math.floor(beta * m);
        if (strategy == Strategy.MEDIAN || k - 2 * trim < 1) {
            return k % 2 == 1 ? values[k / 2] : 0.5 * (values[k / 2 - 1] + values[k / 2]);
        }
        double sum = 0;
        for (int i = trim; i < k - trim; i++) {
            sum += values[i];
        }
        return sum / (k - 2 * trim);
    }
}
