package io.flead.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed, ordered list of numeric feature names that maps a telemetry {@code features} map to a dense
 * vector. A feature absent from the map (or null) becomes NaN, the "missing" marker that
 * {@link FeatureStats} skips and {@link Standardizer} turns into z = 0, i.e. mean imputation. A name of
 * the form {@code column=value} or {@code column=low..high} is an indicator of that column
 * ({@link FeatureColumn}), 0 when the column is missing.
 */
public final class FeatureSpace {
    private final List<String> names;
    private final Map<String, Integer> index;
    private final FeatureColumn[] columns;

    public FeatureSpace(List<String> names) {
        this.names = List.copyOf(names);
        this.index = new HashMap<>(names.size() * 2);
        this.columns = new FeatureColumn[this.names.size()];
        for (int i = 0; i < this.names.size(); i++) {
            columns[i] = FeatureColumn.parse(this.names.get(i));
            if (index.put(this.names.get(i), i) != null) {
                throw new IllegalArgumentException("feature '" + this.names.get(i) + "' is listed twice");
            }
        }
    }

    public List<String> names() {
        return names;
    }

    public int dimension() {
        return names.size();
    }

    /** The position of a feature, or -1 when it is not in this space. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /** How feature {@code j} is read from the telemetry columns. */
    public FeatureColumn column(int j) {
        return columns[j];
    }

    /**
     * Writes the features into {@code out} at {@code offset} (NaN for missing ones, 0 for an indicator of a
     * missing column) and returns how many of their columns were missing; columns not in this space are ignored.
     */
    public int fill(Map<String, Double> features, double[] out, int offset) {
        int missing = 0;
        for (int j = 0; j < columns.length; j++) {
            Double v = features.get(columns[j].column());
            if (v == null) {
                missing++;
            }
            out[offset + j] = columns[j].valueOf(v);
        }
        return missing;
    }

    /** A new vector of the features (NaN for missing ones). */
    public double[] vector(Map<String, Double> features) {
        double[] out = new double[names.size()];
        fill(features, out, 0);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSpace s && names.equals(s.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }
}
