package io.flead.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A device's locally trained model on {@code local-model-updates}: weights and bias on standardised
 * features, the window's own feature statistics, the training loss and the evaluation of the base global
 * model on the window before training on it. {@code update_id} is deterministic from the input.
 *
 * <p>{@code histogram} (optional) is the window's distribution relative to the base model's statistics.
 * {@code first_seq}/{@code last_seq} (optional) are the {@code seq} range of the window's rows, and {@code fit}
 * (optional) the trained local model's own margins on its window, which set the threshold of the first version that
 * has weights (no earlier version's margins exist then). {@code class_moments} (optional) are the window's per-class
 * moments in the base version's feature space, sent when that base has statistics but no weights yet: pooled, they
 * give the first weighted version (see {@link ClassMoments}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalModelUpdate(
    @JsonProperty(value = "update_id", required = true) String updateId,
    @JsonProperty(value = "device_id", required = true) String deviceId,
    @JsonProperty(value = "base_version", required = true) long baseVersion,
    @JsonProperty(value = "ts", required = true) long ts,
    @JsonProperty(value = "n_samples", required = true) long nSamples,
    @JsonProperty(value = "feature_names", required = true) List<String> featureNames,
    @JsonProperty(value = "weights", required = true) double[] weights,
    @JsonProperty(value = "bias", required = true) double bias,
    @JsonProperty(value = "stats", required = true) FeatureStats stats,
    @JsonProperty(value = "loss", required = true) double loss,
    @JsonProperty(value = "eval", required = true) Eval eval,
    @JsonProperty("histogram") ReferenceHistogram histogram,
    @JsonProperty("first_seq") Long firstSeq,
    @JsonProperty("last_seq") Long lastSeq,
    @JsonProperty("fit") Eval fit,
    @JsonProperty("class_moments") ClassMoments classMoments) {

    public LocalModelUpdate {
        Require.nonNull(updateId, "update_id");
        Require.nonNull(deviceId, "device_id");
        featureNames = List.copyOf(Require.nonNull(featureNames, "feature_names"));
        Require.nonNull(weights, "weights");
        Require.nonNull(stats, "stats");
        Require.nonNull(eval, "eval");
    }

    /** An update without class moments. */
    public LocalModelUpdate(String updateId, String deviceId, long baseVersion, long ts, long nSamples,
                            List<String> featureNames, double[] weights, double bias, FeatureStats stats, double loss,
                            Eval eval, ReferenceHistogram histogram, Long firstSeq, Long lastSeq, Eval fit) {
        this(updateId, deviceId, baseVersion, ts, nSamples, featureNames, weights, bias, stats, loss, eval, histogram,
            firstSeq, lastSeq, fit, null);
    }

    /** An update without its sequence range or fit evaluation. */
    public LocalModelUpdate(String updateId, String deviceId, long baseVersion, long ts, long nSamples,
                            List<String> featureNames, double[] weights, double bias, FeatureStats stats, double loss,
                            Eval eval, ReferenceHistogram histogram) {
        this(updateId, deviceId, baseVersion, ts, nSamples, featureNames, weights, bias, stats, loss, eval, histogram,
            null, null, null, null);
    }

    /** The same update with other weights and bias (used by tests and attack simulations). */
    public LocalModelUpdate withParameters(double[] newWeights, double newBias) {
        return new LocalModelUpdate(updateId, deviceId, baseVersion, ts, nSamples, featureNames, newWeights,
            newBias, stats, loss, eval, histogram, firstSeq, lastSeq, fit, classMoments);
    }

    /** The same update under another id. */
    public LocalModelUpdate withUpdateId(String newId) {
        return new LocalModelUpdate(newId, deviceId, baseVersion, ts, nSamples, featureNames, weights, bias,
            stats, loss, eval, histogram, firstSeq, lastSeq, fit, classMoments);
    }

    /** The same update claiming another base version. */
    public LocalModelUpdate withBaseVersion(long version) {
        return new LocalModelUpdate(updateId, deviceId, version, ts, nSamples, featureNames, weights, bias,
            stats, loss, eval, histogram, firstSeq, lastSeq, fit, classMoments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalModelUpdate u && updateId.equals(u.updateId) && deviceId.equals(u.deviceId)
            && baseVersion == u.baseVersion && ts == u.ts && nSamples == u.nSamples
            && featureNames.equals(u.featureNames) && Arrays.equals(weights, u.weights)
            && Double.compare(bias, u.bias) == 0 && stats.equals(u.stats) && Double.compare(loss, u.loss) == 0
            && eval.equals(u.eval) && Objects.equals(histogram, u.histogram) && Objects.equals(firstSeq, u.firstSeq)
            && Objects.equals(lastSeq, u.lastSeq) && Objects.equals(fit, u.fit)
            && Objects.equals(classMoments, u.classMoments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(updateId, deviceId, baseVersion, ts);
    }

    @Override
    public String toString() {
        return "LocalModelUpdate{update_id=" + updateId + ", device_id=" + deviceId + ", base_version="
            + baseVersion + ", n_samples=" + nSamples + ", loss=" + loss + "}";
    }
}
