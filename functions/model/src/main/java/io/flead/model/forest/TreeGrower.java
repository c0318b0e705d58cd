package io.flead.model.forest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows isolation trees (Liu, Ting and Zhou 2008) on rows without labels: each tree on a subsample of at most
 * {@code subsample} rows drawn without replacement, splitting a random feature that varies in the node at a uniform
 * random value between its minimum and maximum there, down to depth {@code ceil(log2 subsample)}.
 */
public final class TreeGrower {
    private final int subsample;
    private final int maxDepth;

    public TreeGrower(int subsample) {
        this.subsample = subsample;
        this.maxDepth = ForestSettings.maxDepth(subsample);
    }

    /** One tree on the {@code n} rows of {@code d} features, row-major in {@code rows}. */
    public IsolationTree grow(double[] rows, int n, int d, SplittableRandom random) {
        int m = Math.min(n, subsample);
        int[] index = sample(n, m, random);
        Builder b = new Builder(rows, d, m, random);
        b.node(index, 0, m, 0);
        return new IsolationTree(Arrays.copyOf(b.feature, b.size), Arrays.copyOf(b.value, b.size));
    }

    /** {@code m} distinct row indexes of {@code 0..n-1} (a partial Fisher-Yates shuffle). */
    static int[] sample(int n, int m, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, m);
    }

    private final class Builder {
        final double[] rows;
        final int d;
        final SplittableRandom random;
        int[] feature;
        float[] value;
        int size;

        Builder(double[] rows, int d, int m, SplittableRandom random) {
            this.rows = rows;
            this.d = d;
            this.random = random;
            this.feature = new int[2 * m];
            this.value = new float[2 * m];
        }

        void node(int[] index, int from, int to, int level) {
            int node = size++;
            int count = to - from;
            if (level < maxDepth && count > 1 && split(node, index, from, to)) {
                int mid = partition(index, from, to, feature[node], value[node]);
                node(index, from, mid, level + 1);
                node(index, mid, to, level + 1);
                return;
            }
            feature[node] = IsolationTree.LEAF;
            value[node] = count;
        }

        /** Chooses a feature that varies among the node's rows and a split inside its range; false if none varies. */
        boolean split(int node, int[] index, int from, int to) {
            for (int tries = 0; tries < 2 * d; tries++) { // indicators are often constant in a node: draw again
                int j = random.nextInt(d);
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    double x = rows[index[i] * d + j];
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
                float s = (float) (min + random.nextDouble() * (max - min));
                if (max > min && s > min && s <= max) {
                    feature[node] = j;
                    value[node] = s;
                    return true;
                }
            }
            return false;
        }

        int partition(int[] index, int from, int to, int j, float s) {
            int mid = from;
            for (int i = from; i < to; i++) {
                if (rows[index[i] * d + j] < s) {
                    int t = index[mid];
                    index[mid++] = index[i];
                    index[i] = t;
                }
            }
            return mid;
        }
    }
}
