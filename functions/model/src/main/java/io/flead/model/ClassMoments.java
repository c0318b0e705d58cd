package io.flead.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Per-class moments of a window's labelled rows in the model's feature space (the squashed z-scores of a base version
 * with statistics): count, mean and M2 per feature of the attack rows ({@code positive}) and of the normal rows
 * ({@code negative}). They merge exactly across devices like {@link FeatureStats}, so pooled moments equal those of
 * all the rows together, and they determine a linear discriminant without any row leaving its device.
 *
 * <p>{@link #discriminant} is the shared-diagonal-covariance linear discriminant (LDA with a diagonal pooled
 * within-class covariance, shrunk by a ridge): weights {@code (mu1 - mu0) / (v + lambda)} and bias
 * {@code log(n1 / n0) - 1/2 sum (mu1^2 - mu0^2) / (v + lambda)}, the logistic model the Gaussian class model implies,
 * so its posterior 0.5 is its natural threshold. It serves as the first weighted model: on non-IID windows, most of
 * them with no attack at all, an average of locally trained models starts far worse than this.
 */
public record ClassMoments(@JsonProperty(value = "positive", required = true) FeatureStats positive,
                           @JsonProperty(value = "negative", required = true) FeatureStats negative) {

    /** The ridge added to each pooled within-class variance (in squashed z units). */
    public static final double SHRINKAGE = 0.1;

    @JsonCreator
    public ClassMoments {
        Require.nonNull(positive, "class_moments.positive");
        Require.nonNull(negative, "class_moments.negative");
        if (positive.dimension() != negative.dimension()) {
            throw new IllegalArgumentException("field 'class_moments': positive has " + positive.dimension()
                + " features, negative " + negative.dimension());
        }
    }

    /** Empty moments over {@code dimension} features. */
    public static ClassMoments empty(int dimension) {
        return new ClassMoments(new FeatureStats(dimension), new FeatureStats(dimension));
    }

    public int dimension() {
        return positive.dimension();
    }

    /** Adds the row of model features at {@code offset} of {@code rows} to its class, in place. */
    public void add(double[] rows, int offset, boolean attack) {
        (attack ? positive : negative).addRow(rows, offset);
    }

    /** The exact merge of both (a new instance). */
    public ClassMoments merge(ClassMoments other) {
        return new ClassMoments(positive.merge(other.positive), negative.merge(other.negative));
    }

    /** True when every count, mean and M2 is finite (counts are); used to validate an update. */
    public boolean finite() {
        return finite(positive) && finite(negative);
    }

    private static boolean finite(FeatureStats s) {
        for (int j = 0; j < s.dimension(); j++) {
            if (!Double.isFinite(s.mean(j)) || !Double.isFinite(s.m2(j)) || s.count(j) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The discriminant's parameters (d weights then the bias), or null when a class has no row, which determines no
     * discriminant. A feature seen in only one class, or in neither, gets weight 0.
     */
    public double[] discriminant() {
        int d = dimension();
        long n1 = positive.rows();
        long n0 = negative.rows();
        if (n1 == 0 || n0 == 0) {
            return null;
        }
        double[] theta = new double[d + 1];
        double bias = Math.log((double) n1 / n0);
        for (int j = 0; j < d; j++) {
            long c1 = positive.count(j);
            long c0 = negative.count(j);
            if (c1 == 0 || c0 == 0) {
                continue;
            }
            double variance = (positive.m2(j) + negative.m2(j)) / (c1 + c0) + SHRINKAGE;
            double m1 = positive.mean(j);
            double m0 = negative.mean(j);
            theta[j] = (m1 - m0) / variance;
            bias -= 0.5 * (m1 * m1 - m0 * m0) / variance;
        }
        theta[d] = bias;
        return theta;
    }
}
