package io.flead.localtrain.core;

import io.flead.model.FeatureColumn;
import io.flead.model.FeatureSpace;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import java.util.List;

/**
 * A window's rows projected onto the global model's feature space (row-major, NaN for missing), their
 * labels and the window's own statistics. A global feature the trainer's space lacks but can derive (an
 * indicator such as {@code tcp.flags=2} of a column the trainer reads) is derived, not left missing.
 */
record WindowData(double[] rows, byte[] labels, int n, int d, FeatureStats stats) {

    /** The window's rows in {@code global}'s feature order (or the trainer's order when global is null). */
    static WindowData of(DeviceWindow window, FeatureSpace space, GlobalModel global) {
        int n = window.size();
        int local = space.dimension();
        double[] raw = new double[n * local];
        byte[] labels = new byte[n];
        window.copyInOrder(raw, labels);
        List<String> target = global == null ? space.names() : global.featureNames();
        double[] rows = target.equals(space.names()) ? raw : project(raw, n, space, target);
        int d = target.size();
        FeatureStats stats = new FeatureStats(d);
        for (int i = 0; i < n; i++) {
            stats.addRow(rows, i * d);
        }
        return new WindowData(rows, labels, n, d, stats);
    }

    private static double[] project(double[] raw, int n, FeatureSpace space, List<String> target) {
        int local = space.dimension();
        int d = target.size();
        int[] from = new int[d];
        FeatureColumn[] derive = new FeatureColumn[d];
        for (int j = 0; j < d; j++) {
            from[j] = space.indexOf(target.get(j));
            if (from[j] < 0) {
                derive[j] = FeatureColumn.parse(target.get(j));
                from[j] = derive[j].indicator() ? space.indexOf(derive[j].column()) : -1;
            }
        }
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = value(raw, i * local, from[j], derive[j]);
            }
        }
        return out;
    }

    private static double value(double[] raw, int rowOffset, int from, FeatureColumn derive) {
        if (from < 0) {
            return derive != null && derive.indicator() ? 0.0 : Double.NaN;
        }
        double x = raw[rowOffset + from];
        return derive == null ? x : derive.valueOf(x);
    }

    int labelledCount() {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += labels[i] >= 0 ? 1 : 0;
        }
        return count;
    }
}
