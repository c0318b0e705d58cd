package io.flead.fedavg.core;

import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks an update must pass before it is aggregated. Each failure is a reason string starting with
 * a stable code ({@code non_finite}, {@code wrong_dimension}, {@code unknown_feature_names},
 * {@code feature_order}, {@code duplicate_update_id}, {@code norm_above_bound}, {@code stale},
 * {@code future_base_version}, {@code negative_n_samples}, {@code superseded}) followed by the detail.
 */
public final class UpdateValidator {
    public static final String NON_FINITE = "non_finite";
    public static final String WRONG_DIMENSION = "wrong_dimension";
    public static final String UNKNOWN_FEATURES = "unknown_feature_names";
    public static final String FEATURE_ORDER = "feature_order";
    public static final String DUPLICATE = "duplicate_update_id";
    public static final String NORM = "norm_above_bound";
    public static final String STALE = "stale";
    public static final String FUTURE = "future_base_version";
    public static final String NEGATIVE_SAMPLES = "negative_n_samples";
    public static final String SUPERSEDED = "superseded";

    private final FedAvgSettings settings;

    public UpdateValidator(FedAvgSettings settings) {
        this.settings = settings;
    }

    /** Checks that need no global model: consistent dimensions, finite numbers, sample count, norm. */
    public Optional<String> checkAlone(LocalModelUpdate u) {
        int d = u.featureNames().size();
        if (u.weights().length != d || u.stats().dimension() != d) {
            return Optional.of(WRONG_DIMENSION + ": " + u.weights().length + " weights and " + u.stats().dimension()
                + " stats for " + d + " feature_names");
        }
        if (u.classMoments() != null && u.classMoments().dimension() != d) {
            return Optional.of(WRONG_DIMENSION + ": class_moments of " + u.classMoments().dimension() + " features for "
                + d + " feature_names");
        }
        Optional<String> nonFinite = firstNonFinite(u);
        if (nonFinite.isPresent()) {
            return nonFinite.map(where -> NON_FINITE + ": " + where);
        }
        if (u.nSamples() < 0) {
            return Optional.of(NEGATIVE_SAMPLES + ": n_samples = " + u.nSamples());
        }
        double norm = norm(u.weights(), u.bias());
        if (norm > settings.normBound()) {
            return Optional.of(NORM + ": ||weights, bias|| = " + norm + " > " + settings.normBound());
        }
        return Optional.empty();
    }

    /** Checks against the global model the round builds on: feature names, dimension and staleness. */
    public Optional<String> checkAgainst(LocalModelUpdate u, GlobalModel previous) {
        List<String> expected = previous.featureNames();
        if (!u.featureNames().equals(expected)) {
            if (u.featureNames().size() != expected.size()) {
                return Optional.of(WRONG_DIMENSION + ": " + u.featureNames().size() + " features, the global model has "
                    + expected.size());
            }
            List<String> unknown = new ArrayList<>(u.featureNames());
            unknown.removeAll(expected);
            if (!unknown.isEmpty()) {
                return Optional.of(UNKNOWN_FEATURES + ": " + unknown);
            }
            return Optional.of(FEATURE_ORDER + ": feature_names are not in the global model's order");
        }
        long tau = previous.version() - u.baseVersion();
        if (tau < 0) {
            return Optional.of(FUTURE + ": base_version " + u.baseVersion() + " > current version " + previous.version());
        }
        if (tau > settings.maxStaleness()) {
            return Optional.of(STALE + ": base_version " + u.baseVersion() + " is " + tau + " versions behind "
                + previous.version() + " (bound " + settings.maxStaleness() + ")");
        }
        return Optional.empty();
    }

    static double norm(double[] weights, double bias) {
        double s = bias * bias;
        for (double w : weights) {
            s += w * w;
        }
        return Math.sqrt(s);
    }

    private static Optional<String> firstNonFinite(LocalModelUpdate u) {
        double[] w = u.weights();
        for (int j = 0; j < w.length; j++) {
            if (!Double.isFinite(w[j])) {
                return Optional.of("weights[" + j + "] = " + w[j]);
            }
        }
        if (!Double.isFinite(u.bias())) {
            return Optional.of("bias = " + u.bias());
        }
        if (!Double.isFinite(u.loss())) {
            return Optional.of("loss = " + u.loss());
        }
        FeatureStats s = u.stats();
        for (int j = 0; j < s.dimension(); j++) {
            if (!Double.isFinite(s.mean(j)) || !Double.isFinite(s.m2(j)) || s.count(j) < 0) {
                return Optional.of("stats[" + j + "] = (" + s.count(j) + ", " + s.mean(j) + ", " + s.m2(j) + ")");
            }
        }
        if (u.classMoments() != null && !u.classMoments().finite()) {
            return Optional.of("class_moments");
        }
        return Optional.empty();
    }
}
