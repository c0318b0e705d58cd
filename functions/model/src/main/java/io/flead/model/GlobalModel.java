package io.flead.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A version of the global model on {@code global-model-updates}: pooled feature statistics, logistic
 * regression weights on standardised features, the decision threshold, the summed evaluation of the
 * round and every rejected update. Version 0 is the initial model: no weights, no stats.
 *
 * <p>{@code histogram} (optional) is the pooled reference distribution for drift checks, relative to the
 * statistics of the version it names.
 *
 * <p>{@code participants} counts the accepted updates the version was made from (at least one: a version means
 * learning); {@code eval} sums their evaluations (of their various base versions), while {@code evaluation} is the
 * evaluation of one version, the newest base of the round, so that an F1 names the model that earned it.
 * {@code rejected_counts} counts the rejections since the previous version by reason code, {@code max_staleness} is
 * the largest staleness (in versions) among the accepted updates. {@code dp}, present only on versions published with
 * central DP noise, is the privacy spent so far ({@link PrivacySpend}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlobalModel(
    @JsonProperty(value = "version", required = true) long version,
    @JsonProperty(value = "round", required = true) long round,
    @JsonProperty(value = "ts", required = true) long ts,
    @JsonProperty(value = "strategy", required = true) String strategy,
    @JsonProperty(value = "participants", required = true) int participants,
    @JsonProperty(value = "n_samples", required = true) long nSamples,
    @JsonProperty(value = "feature_names", required = true) List<String> featureNames,
    @JsonProperty(value = "weights", required = true) double[] weights,
    @JsonProperty(value = "bias", required = true) double bias,
    @JsonProperty("stats") FeatureStats stats,
    @JsonProperty(value = "threshold", required = true) double threshold,
    @JsonProperty("eval") Eval eval,
    @JsonProperty("rejected") List<Rejection> rejected,
    @JsonProperty("histogram") ReferenceHistogram histogram,
    @JsonProperty("evaluation") VersionEvaluation evaluation,
    @JsonProperty("rejected_counts") Map<String, Long> rejectedCounts,
    @JsonProperty("max_staleness") Long maxStaleness,
    @JsonProperty("dp") PrivacySpend dp) {

    /** Threshold of a model that has never been evaluated: the logistic model's neutral point. */
    public static final double PRIOR_THRESHOLD = 0.5;

    public GlobalModel {
        Require.nonNull(strategy, "strategy");
        featureNames = List.copyOf(Require.nonNull(featureNames, "feature_names"));
        Require.nonNull(weights, "weights");
        eval = eval == null ? Eval.EMPTY : eval;
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        rejectedCounts = rejectedCounts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(rejectedCounts));
        if (weights.length != 0 && weights.length != featureNames.size()) {
            throw new IllegalArgumentException("field 'weights' has " + weights.length
                + " values for " + featureNames.size() + " feature_names");
        }
        if (stats != null && stats.dimension() != featureNames.size()) {
            throw new IllegalArgumentException("field 'stats' has " + stats.dimension()
                + " features for " + featureNames.size() + " feature_names");
        }
    }

    /** A model without a privacy spend (published without DP noise). */
    public GlobalModel(long version, long round, long ts, String strategy, int participants, long nSamples,
                       List<String> featureNames, double[] weights, double bias, FeatureStats stats, double threshold,
                       Eval eval, List<Rejection> rejected, ReferenceHistogram histogram, VersionEvaluation evaluation,
                       Map<String, Long> rejectedCounts, Long maxStaleness) {
        this(version, round, ts, strategy, participants, nSamples, featureNames, weights, bias, stats, threshold, eval,
            rejected, histogram, evaluation, rejectedCounts, maxStaleness, null);
    }

    /** A model without a version evaluation, rejection counts or staleness (the fields before the loop carried them). */
    public GlobalModel(long version, long round, long ts, String strategy, int participants, long nSamples,
                       List<String> featureNames, double[] weights, double bias, FeatureStats stats, double threshold,
                       Eval eval, List<Rejection> rejected, ReferenceHistogram histogram) {
        this(version, round, ts, strategy, participants, nSamples, featureNames, weights, bias, stats, threshold, eval,
            rejected, histogram, null, null, null, null);
    }

    /** The version-0 model over the given features: no weights, no statistics. */
    public static GlobalModel initial(List<String> featureNames, long ts) {
        return new GlobalModel(0, 0, ts, "none", 0, 0, featureNames, new double[0], 0.0, null,
            PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
    }

    /** True when the model carries trained weights (version 0 does not). */
    @JsonIgnore
    public boolean hasWeights() {
        return weights.length == featureNames.size() && weights.length > 0;
    }

    @JsonIgnore
    public int dimension() {
        return featureNames.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalModel g && version == g.version && round == g.round && ts == g.ts
            && strategy.equals(g.strategy) && participants == g.participants && nSamples == g.nSamples
            && featureNames.equals(g.featureNames) && Arrays.equals(weights, g.weights)
            && Double.compare(bias, g.bias) == 0 && Objects.equals(stats, g.stats)
            && Double.compare(threshold, g.threshold) == 0 && eval.equals(g.eval)
            && rejected.equals(g.rejected) && Objects.equals(histogram, g.histogram)
            && Objects.equals(evaluation, g.evaluation) && rejectedCounts.equals(g.rejectedCounts)
            && Objects.equals(maxStaleness, g.maxStaleness) && Objects.equals(dp, g.dp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, round, ts, strategy, Arrays.hashCode(weights));
    }

    @Override
    public String toString() {
        return "GlobalModel{version=" + version + ", round=" + round + ", strategy=" + strategy
            + ", participants=" + participants + ", n_samples=" + nSamples + ", threshold=" + threshold
            + ", eval=" + eval + ", evaluation=" + evaluation + ", rejected=" + rejected.size() + "}";
    }
}
