package io.flead.bench.quality;

import io.flead.fedavg.core.FedAvgSettings;
import io.flead.model.ClassMoments;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.ScoreHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The {@link AttackKind}s as transformations of the attackers' rows or of the updates they send. */
public final class Attacks {
    /** In-bound scaling multiplies the change by this much (then fits it under the norm bound). */
    static final double IN_BOUND_FACTOR = 10;
    /** The sample count an inflating device claims. */
    static final long INFLATED_SAMPLES = 1_000_000;
    /** The mean and variance poisoned statistics report. */
    static final double POISON_MEAN = 1e6;
    static final double POISON_VARIANCE = 1e12;

    private Attacks() {
    }

    /**
     * The fleet with the attackers' training rows poisoned: labels flipped, or every attack row also present with the
     * trigger on feature {@code trigger.feature} and labelled normal. Held-out rows are untouched.
     */
    public static FleetData poisonRows(FleetData data, AttackKind kind, boolean[] attacker, Trigger trigger) {
        List<DeviceRows> train = new ArrayList<>();
        for (int i = 0; i < data.train().size(); i++) {
            DeviceRows dev = data.train().get(i);
            train.add(!attacker[i] ? dev : kind == AttackKind.LABEL_FLIP ? flipped(dev) : dev.concat(triggered(dev,
                trigger, (byte) 0)));
        }
        return new FleetData(data.featureNames(), train, data.holdout());
    }

    /** The held-out attack rows of every device with the trigger set (labels kept: they are attacks). */
    public static List<DeviceRows> triggeredAttacks(FleetData data, Trigger trigger) {
        return data.holdout().stream().map(d -> triggered(d, trigger, (byte) 1)).toList();
    }

    /**
     * The backdoor's trigger: the feature whose training values vary least (so the trigger is not already a sign of
     * attack or of normal traffic), set to one more than its largest magnitude times ten.
     */
    public record Trigger(int feature, float value) {
        public static Trigger of(FleetData data) {
            int d = data.featureNames().size();
            FeatureStats stats = new FeatureStats(d);
            double[] row = new double[d];
            double[] max = new double[d];
            for (DeviceRows dev : data.train()) {
                for (int i = 0; i < dev.n(); i++) {
                    dev.copyRow(i, row);
                    stats.add(row);
                    for (int j = 0; j < d; j++) {
                        if (!Double.isNaN(row[j])) {
                            max[j] = Math.max(max[j], Math.abs(row[j]));
                        }
                    }
                }
            }
            int best = 0;
            for (int j = 1; j < d; j++) {
                if (stats.variance(j) < stats.variance(best)) {
                    best = j;
                }
            }
            return new Trigger(best, (float) (10 * max[best] + 1));
        }
    }

    /** The attack rows of {@code dev} (label 1) with the trigger set, labelled {@code label}. */
    private static DeviceRows triggered(DeviceRows dev, Trigger trigger, byte label) {
        boolean[] attacks = new boolean[dev.n()];
        for (int i = 0; i < dev.n(); i++) {
            attacks[i] = dev.y()[i] == 1;
        }
        DeviceRows rows = dev.select(attacks);
        float[] x = rows.x().clone();
        byte[] y = new byte[rows.n()];
        Arrays.fill(y, label);
        for (int i = 0; i < rows.n(); i++) {
            x[i * rows.d() + trigger.feature()] = trigger.value();
        }
        return new DeviceRows(dev.deviceId(), rows.n(), rows.d(), x, y, rows.type());
    }

    private static DeviceRows flipped(DeviceRows dev) {
        byte[] y = new byte[dev.n()];
        for (int i = 0; i < dev.n(); i++) {
            y[i] = (byte) (1 - dev.y()[i]);
        }
        return new DeviceRows(dev.deviceId(), dev.n(), dev.d(), dev.x(), y, dev.type());
    }

    /** The round's updates with the attackers' ones poisoned by {@code kind} (data poisoning sends them as trained). */
    public static List<LocalModelUpdate> poisonUpdates(AttackKind kind, List<LocalModelUpdate> updates,
                                                       boolean[] byAttacker, GlobalModel global, Random random) {
        List<LocalModelUpdate> out = new ArrayList<>(updates);
        if (kind.dataPoisoning()) {
            return out;
        }
        double[] sybil = kind == AttackKind.SYBIL ? sybilParameters(updates, byAttacker, global) : null;
        for (int k = 0; k < out.size(); k++) {
            if (byAttacker[k]) {
                out.set(k, poison(kind, out.get(k), global, sybil, random));
            }
        }
        return out;
    }

    private static LocalModelUpdate poison(AttackKind kind, LocalModelUpdate u, GlobalModel global, double[] sybil,
                                           Random random) {
        int d = u.weights().length;
        return switch (kind) {
            case SIGN_FLIP -> {
                double[] w = u.weights().clone();
                for (int j = 0; j < d; j++) {
                    w[j] = -w[j];
                }
                yield u.withParameters(w, -u.bias());
            }
            case IN_BOUND_SCALE -> inBound(u, global);
            case INFLATION -> withSamples(u, INFLATED_SAMPLES);
            case STATS_POISON -> withStats(u, poisonStats(d, u.stats()), poisonMoments(u.classMoments()));
            case HIST_POISON -> withEval(u, draggingEval(u.eval(), 10 * Math.max(1, u.nSamples())));
            case SYBIL -> {
                double[] w = new double[d];
                for (int j = 0; j < d; j++) {
                    w[j] = sybil[j] * (1 + 1e-3 * random.nextGaussian());
                }
                yield u.withParameters(w, sybil[d] * (1 + 1e-3 * random.nextGaussian()));
            }
            default -> u;
        };
    }

    /** The change times {@link #IN_BOUND_FACTOR}, shortened if needed to 99% of fedavg's default norm bound. */
    private static LocalModelUpdate inBound(LocalModelUpdate u, GlobalModel global) {
        int d = u.weights().length;
        double[] base = parameters(global, d);
        double[] p = new double[d + 1];
        double[] delta = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            delta[j] = (j < d ? u.weights()[j] : u.bias()) - base[j];
        }
        double bound = 0.99 * FedAvgSettings.defaults().normBound();
        double factor = IN_BOUND_FACTOR;
        for (int tries = 0; tries < 60; tries++) {
            double norm = 0;
            for (int j = 0; j <= d; j++) {
                p[j] = base[j] + factor * delta[j];
                norm += p[j] * p[j];
            }
            if (Math.sqrt(norm) <= bound) {
                break;
            }
            factor *= 0.8;
        }
        return u.withParameters(Arrays.copyOf(p, d), p[d]);
    }

    /** The attackers' common parameters: the global model minus twice their mean change. */
    private static double[] sybilParameters(List<LocalModelUpdate> updates, boolean[] byAttacker, GlobalModel global) {
        int d = updates.get(0).weights().length;
        double[] base = parameters(global, d);
        double[] mean = new double[d + 1];
        int m = 0;
        for (int k = 0; k < updates.size(); k++) {
            if (byAttacker[k]) {
                LocalModelUpdate u = updates.get(k);
                for (int j = 0; j <= d; j++) {
                    mean[j] += (j < d ? u.weights()[j] : u.bias()) - base[j];
                }
                m++;
            }
        }
        double[] p = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            p[j] = base[j] - 2 * mean[j] / Math.max(1, m);
        }
        return p;
    }

    private static double[] parameters(GlobalModel global, int d) {
        double[] p = new double[d + 1];
        if (global.hasWeights()) {
            System.arraycopy(global.weights(), 0, p, 0, d);
            p[d] = global.bias();
        }
        return p;
    }

    private static FeatureStats poisonStats(int d, FeatureStats honest) {
        long[] count = new long[d];
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int j = 0; j < d; j++) {
            count[j] = Math.max(1, honest.count(j));
            mean[j] = POISON_MEAN;
            m2[j] = POISON_VARIANCE * count[j];
        }
        return new FeatureStats(count, mean, m2);
    }

    private static ClassMoments poisonMoments(ClassMoments honest) {
        if (honest == null) {
            return null;
        }
        return new ClassMoments(poisonStats(honest.dimension(), honest.positive()),
            poisonStats(honest.dimension(), honest.negative()));
    }

    /** {@code eval} plus {@code fake} attack rows in the lowest margin bin. */
    static Eval draggingEval(Eval eval, long fake) {
        long[] pos = eval.scoreHistPos() == null ? new long[ScoreHistogram.BINS] : eval.scoreHistPos().clone();
        pos[0] += fake;
        long[] neg = eval.scoreHistNeg() == null ? new long[ScoreHistogram.BINS] : eval.scoreHistNeg();
        return new Eval(eval.tp() + fake, eval.fp(), eval.tn(), eval.fn(), pos, neg);
    }

    private static LocalModelUpdate withSamples(LocalModelUpdate u, long n) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), n, u.featureNames(),
            u.weights(), u.bias(), u.stats(), u.loss(), u.eval(), u.histogram(), u.firstSeq(), u.lastSeq(), u.fit(),
            u.classMoments());
    }

    private static LocalModelUpdate withStats(LocalModelUpdate u, FeatureStats stats, ClassMoments moments) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(),
            u.featureNames(), u.weights(), u.bias(), stats, u.loss(), u.eval(), u.histogram(), u.firstSeq(),
            u.lastSeq(), u.fit(), moments);
    }

    private static LocalModelUpdate withEval(LocalModelUpdate u, Eval eval) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(),
            u.featureNames(), u.weights(), u.bias(), u.stats(), u.loss(), eval, u.histogram(), u.firstSeq(),
            u.lastSeq(), u.fit(), u.classMoments());
    }
}
