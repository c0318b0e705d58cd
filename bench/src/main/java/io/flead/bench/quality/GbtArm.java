package io.flead.bench.quality;

import io.flead.model.Eval;
import io.flead.model.EvalCounter;
import io.flead.model.GlobalModel;
import io.flead.model.ThresholdSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The stronger centralised baseline: gradient-boosted trees (XGBoost, histogram method, logistic loss) on all
 * training rows over the same features as the logistic model, missing values left to the trees' default
 * directions. It shows what the linear model leaves on the table.
 *
 * <p>Trees fit their own training rows far more tightly than a linear model does, so an F1-maximising threshold
 * chosen on those rows would sit too high. The threshold is therefore chosen on {@link ValidationSplit}-style
 * rows: a first fit without each device's last {@link ValidationSplit#SHARE} of training rows picks the threshold
 * on those rows (with the same selector as the other arms), then the final model is fit on all training rows
 * with the same settings and keeps that threshold.
 */
public final class GbtArm {
    /**
     * The trees' settings, fixed (not tuned): 150 rounds of depth-6 trees at rate 0.2 with the default L2 of 1.
     *
     * @param rounds boosting rounds (trees)
     * @param maxDepth depth of each tree
     * @param eta shrinkage of each tree's contribution
     */
    public record Settings(int rounds, int maxDepth, double eta) {
        public Settings {
            if (rounds < 1) {
                throw new IllegalArgumentException("gbt rounds must be at least 1, got " + rounds);
            }
            if (maxDepth < 1) {
                throw new IllegalArgumentException("gbt max_depth must be at least 1, got " + maxDepth);
            }
            if (!(eta > 0 && eta <= 1)) {
                throw new IllegalArgumentException("gbt eta must be in (0, 1], got " + eta);
            }
        }

        public static Settings defaults() {
            return new Settings(150, 6, 0.2);
        }
    }

    /** A fitted booster and its decision threshold (a probability: attack when p &ge; threshold). */
    public record Model(Booster booster, double threshold) {
        /** Summed confusion counts at the threshold and the ROC-AUC of the probabilities, on every row. */
        public Verdicts evaluate(List<DeviceRows> devices) {
            Rows rows = Rows.of(devices);
            if (rows.n() == 0) {
                return new Verdicts(Eval.counts(0, 0, 0, 0), Double.NaN);
            }
            double[] p = probabilities(booster, rows);
            long tp = 0;
            long fp = 0;
            long tn = 0;
            long fn = 0;
            for (int i = 0; i < rows.n(); i++) {
                boolean predicted = p[i] >= threshold;
                if (rows.y()[i] == 1) {
                    tp += predicted ? 1 : 0;
                    fn += predicted ? 0 : 1;
                } else {
                    fp += predicted ? 1 : 0;
                    tn += predicted ? 0 : 1;
                }
            }
            return new Verdicts(Eval.counts(tp, fp, tn, fn), RocAuc.of(p, rows.y(), rows.n()));
        }
    }

    private GbtArm() {
    }

    /** Fits on every training row of {@code devices}, the threshold chosen as described above. */
    public static Model train(List<DeviceRows> devices, Settings settings, int threads, long seed) {
        FleetData split = ValidationSplit.split(devices, List.of());
        Booster first = fit(Rows.of(split.train()), settings, threads, seed);
        Rows validation = Rows.of(split.holdout());
        double threshold = threshold(probabilities(first, validation), validation);
        first.dispose();
        return new Model(fit(Rows.of(devices), settings, threads, seed), threshold);
    }

    static Booster fit(Rows rows, Settings settings, int threads, long seed) {
        try {
            DMatrix matrix = new DMatrix(rows.x(), rows.n(), rows.d(), Float.NaN);
            try {
                matrix.setLabel(rows.labels());
                Map<String, Object> params = new HashMap<>();
                params.put("objective", "binary:logistic");
                params.put("tree_method", "hist");
                params.put("max_depth", settings.maxDepth());
                params.put("eta", settings.eta());
                params.put("nthread", threads);
                params.put("seed", seed);
                params.put("verbosity", 0);
                return XGBoost.train(matrix, params, settings.rounds(), new HashMap<>(), null, null);
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed on " + rows.n() + " rows: " + e.getMessage(), e);
        }
    }

    static double[] probabilities(Booster booster, Rows rows) {
        try {
            DMatrix matrix = new DMatrix(rows.x(), rows.n(), rows.d(), Float.NaN);
            try {
                float[][] p = booster.predict(matrix);
                double[] out = new double[rows.n()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = p[i][0];
                }
                return out;
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed on " + rows.n() + " rows: " + e.getMessage(), e);
        }
    }

    /** The F1-maximising probability threshold over the margin histograms, as the logistic arms choose theirs. */
    static double threshold(double[] p, Rows rows) {
        EvalCounter counter = new EvalCounter(0.5);
        for (int i = 0; i < rows.n(); i++) {
            double q = Math.min(Math.max(p[i], 1e-12), 1 - 1e-12);
            counter.add(Math.log(q / (1 - q)), rows.y()[i]);
        }
        Eval eval = counter.toEval();
        return ThresholdSelector.maximiseF1(eval.scoreHistPos(), eval.scoreHistNeg(), GlobalModel.PRIOR_THRESHOLD);
    }

    /** Devices' rows pooled row-major, as XGBoost takes them. */
    record Rows(float[] x, byte[] y, int n, int d) {
        static Rows of(List<DeviceRows> devices) {
            int n = devices.stream().mapToInt(DeviceRows::n).sum();
            int d = devices.isEmpty() ? 0 : devices.get(0).d();
            float[] x = new float[n * d];
            byte[] y = new byte[n];
            int k = 0;
            for (DeviceRows dev : devices) {
                System.arraycopy(dev.x(), 0, x, k * d, dev.n() * d);
                System.arraycopy(dev.y(), 0, y, k, dev.n());
                k += dev.n();
            }
            return new Rows(x, y, n, d);
        }

        float[] labels() {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = y[i];
            }
            return out;
        }
    }
}
