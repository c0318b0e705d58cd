package io.flead.driftcheck.core;

import io.flead.model.FeatureColumn;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.ReferenceHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a device window is compared against: one global model version's per-feature reference.
 *
 * @param modelVersion version of the global model the statistics come from
 * @param features     one reference per plain feature (indicators left out), in the model's feature order
 * @param present      the same features' statistics over their non-zero values only (a zero in Edge-IIoTset
 *                     means the protocol field is absent), or null when not known (a global model's pooled
 *                     statistics count zeros and non-zeros together)
 */
public record DriftReference(long modelVersion, List<FeatureReference> features, List<FeatureReference> present) {

    public DriftReference {
        features = List.copyOf(features);
        if (present != null && present.size() != features.size()) {
            throw new IllegalArgumentException("present-value references: " + present.size() + " for "
                + features.size() + " features");
        }
        present = present == null ? null : List.copyOf(present);
    }

    /** A reference without present-value statistics. */
    public DriftReference(long modelVersion, List<FeatureReference> features) {
        this(modelVersion, features, null);
    }

    /**
     * The reference of a global model: its pooled {@code stats}, plus its {@code histogram} when present
     * and shaped like the stats. Null when the model has no statistics yet (version 0).
     */
    public static DriftReference of(GlobalModel model) {
        FeatureStats stats = model.stats();
        if (stats == null) {
            return null;
        }
        ReferenceHistogram hist = model.histogram();
        boolean useHist = hist != null && hist.dimension() == stats.dimension();
        double[] center = useHist ? hist.center() : null;
        double[] scale = useHist ? hist.scale() : null;
        List<FeatureReference> refs = new ArrayList<>(stats.dimension());
        for (int j = 0; j < stats.dimension(); j++) {
            String name = model.featureNames().get(j);
            if (isIndicator(name)) {
                continue;
            }
            if (useHist && hist.total(j) > 0) {
                refs.add(new FeatureReference(name, stats.count(j), stats.mean(j), stats.std(j), center[j], scale[j],
                    hist.proportions(j)));
            } else {
                refs.add(FeatureReference.normal(name, stats.count(j), stats.mean(j), stats.std(j)));
            }
        }
        return new DriftReference(model.version(), refs);
    }

    /**
     * The reference drift-check runs with for {@code model}: its statistics, or in device mode, before the model has
     * statistics, its feature names alone (each device's baseline needs no pooled statistics). Null when there is none.
     */
    public static DriftReference forMode(GlobalModel model, ReferenceMode mode) {
        DriftReference reference = of(model);
        if (reference == null && mode == ReferenceMode.DEVICE) {
            return namesOnly(model.version(), model.featureNames());
        }
        return reference;
    }

    /**
     * A reference that only names the features (no statistics): enough for device mode, where each device's
     * baseline is learnt from its own first rows, to start before the first global model has pooled statistics.
     */
    public static DriftReference namesOnly(long modelVersion, List<String> featureNames) {
        List<FeatureReference> refs = new ArrayList<>(featureNames.size());
        for (String name : featureNames) {
            if (!isIndicator(name)) {
                refs.add(FeatureReference.normal(name, 0, Double.NaN, Double.NaN));
            }
        }
        return new DriftReference(modelVersion, refs);
    }

    /**
     * Indicator features ({@code tcp.flags=2}) are derived from columns that are monitored themselves, so they are
     * left out: testing them again would only add tests to the multiple-testing correction and state to every device.
     */
    private static boolean isIndicator(String featureName) {
        return FeatureColumn.parse(featureName).indicator();
    }

    /** The features' names, in the order rows are folded in. */
    public List<String> featureNames() {
        return features.stream().map(FeatureReference::name).toList();
    }

    /** Number of features. */
    public int size() {
        return features.size();
    }

    /** The reference of feature {@code i}. */
    public FeatureReference feature(int i) {
        return features.get(i);
    }

    /** The named features of a telemetry event in this reference's order; absent or null values are NaN. */
    public double[] align(Map<String, ? extends Number> named) {
        double[] out = new double[features.size()];
        for (int i = 0; i < out.length; i++) {
            Number v = named.get(features.get(i).name());
            out[i] = v == null ? Double.NaN : v.doubleValue();
        }
        return out;
    }
}
