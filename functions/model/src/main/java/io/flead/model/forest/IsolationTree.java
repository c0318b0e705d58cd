package io.flead.model.forest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * One isolation tree, stored compactly in preorder: {@code feature[i]} is the feature index node {@code i} splits
 * on, or {@value #LEAF} for a leaf; {@code value[i]} is the split value of an internal node (rows with
 * {@code x < value} go left, to node {@code i+1}) or the number of training rows that reached a leaf. The right
 * child's index follows from the preorder, so two arrays describe the whole tree.
 *
 * <p>The constructor checks only that the arrays form a tree; the aggregator's {@link ForestValidation} checks
 * depths, feature indexes and finite values of a tree that came from elsewhere, naming what is wrong.
 */
public final class IsolationTree {
    /** The feature index that marks a leaf. */
    public static final int LEAF = -1;
    /** No tree of any setting is deeper (a subsample of 4,096 rows gives depth 12). */
    public static final int MAX_DEPTH = 64;

    private final int[] feature;
    private final float[] value;
    private final int[] right;
    private final double[] leafPath;
    private final int depth;

    @JsonCreator
    public IsolationTree(@JsonProperty(value = "feature", required = true) int[] feature,
                         @JsonProperty(value = "value", required = true) float[] value) {
        if (feature == null || value == null || feature.length == 0 || feature.length != value.length) {
            throw new IllegalArgumentException("field 'feature' and 'value' must be non-empty arrays of one length");
        }
        this.feature = feature.clone();
        this.value = value.clone();
        this.right = new int[feature.length];
        this.leafPath = new double[feature.length];
        int[] end = {0};
        this.depth = link(0, 0, end);
        if (end[0] != feature.length) {
            throw new IllegalArgumentException("field 'feature': the preorder ends at node " + end[0] + " of "
                + feature.length);
        }
    }

    /** Links the subtree at {@code node}: returns its height, and leaves the index after it in {@code end[0]}. */
    private int link(int node, int level, int[] end) {
        if (level > MAX_DEPTH) { // bounds the recursion for a tree that came from elsewhere
            throw new IllegalArgumentException("field 'feature': deeper than " + MAX_DEPTH + " levels");
        }
        if (node >= feature.length) {
            throw new IllegalArgumentException("field 'feature': internal node without children at node " + node);
        }
        if (feature[node] < 0) {
            leafPath[node] = level + PathLength.c(value[node]);
            end[0] = node + 1;
            return 0;
        }
        int left = link(node + 1, level + 1, end);
        right[node] = end[0];
        int r = link(end[0], level + 1, end);
        return 1 + Math.max(left, r);
    }

    /** The path length h(x) of the row at {@code offset} of {@code x}: its leaf's depth plus c(leaf size). */
    public double pathLength(double[] x, int offset) {
        int i = 0;
        while (feature[i] >= 0) {
            i = x[offset + feature[i]] < value[i] ? i + 1 : right[i];
        }
        return leafPath[i];
    }

    @JsonProperty("feature")
    public int[] feature() {
        return feature.clone();
    }

    @JsonProperty("value")
    public float[] value() {
        return value.clone();
    }

    public int nodes() {
        return feature.length;
    }

    /** The longest root-to-leaf path, in edges. */
    public int depth() {
        return depth;
    }

    int featureAt(int node) {
        return feature[node];
    }

    float valueAt(int node) {
        return value[node];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsolationTree t && Arrays.equals(feature, t.feature) && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(feature) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "IsolationTree[" + feature.length + " nodes, depth " + depth + "]";
    }
}
