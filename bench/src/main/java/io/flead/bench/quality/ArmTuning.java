package io.flead.bench.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Chooses each learned arm's SGD settings on validation rows only ({@link ValidationSplit}), with the same budget
 * for every arm: the same grid of {@link #RATES} x {@link #EPOCH_FACTORS} (times the arm's own default epochs:
 * local epochs per round for federated, epochs over all rows for centralised, epochs per device for local-only).
 * Each arm keeps the setting with the highest validation F1 (the first in grid order on a tie, the defaults come
 * first); the harness then trains on all training rows with those settings and reports the held-out figures.
 */
public final class ArmTuning {
    /** Learning rates tried, the default first. */
    static final double[] RATES = {0.5, 0.1};
    /** Multiples of each arm's default epochs tried, the default first. */
    static final int[] EPOCH_FACTORS = {1, 2};

    /** One grid point of one arm and its validation F1. */
    public record Trial(String arm, double rate, int epochs, double validationF1) {
    }

    /**
     * The chosen configuration of each arm (only its rate and its own epochs differ from the base) and every trial.
     */
    public record Choice(HarnessConfig centralized, HarnessConfig federated, HarnessConfig localOnly,
                         List<Trial> trials) {

        /** One line per arm: the chosen rate and epochs with their validation F1, then the grid it won over. */
        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            for (String arm : List.of("centralized", "federated", "local_only")) {
                List<Trial> own = trials.stream().filter(t -> t.arm().equals(arm)).toList();
                Trial best = best(own);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "tuned %s: learning rate %s, %d epochs (validation F1 %.4f); grid:", arm,
                    QualityPrinter.format(best.rate()), best.epochs(), best.validationF1()));
                own.forEach(t -> line.append(String.format(Locale.ROOT, " %s/%d:%.4f",
                    QualityPrinter.format(t.rate()), t.epochs(), t.validationF1())));
                lines.add(line.toString());
            }
            return lines;
        }

        /** The chosen settings and their validation F1 as figures ({@code quality.tuning.<arm>.*}). */
        public List<QualityPrinter.Metric> metrics() {
            List<QualityPrinter.Metric> m = new ArrayList<>();
            for (String arm : List.of("centralized", "federated", "local_only")) {
                Trial best = best(trials.stream().filter(t -> t.arm().equals(arm)).toList());
                m.add(new QualityPrinter.Metric("quality.tuning." + arm + ".learning_rate", best.rate(), "rate"));
                m.add(new QualityPrinter.Metric("quality.tuning." + arm + ".epochs", best.epochs(), "epochs"));
                m.add(new QualityPrinter.Metric("quality.tuning." + arm + ".validation_f1", best.validationF1(), "f1"));
            }
            return m;
        }
    }

    private ArmTuning() {
    }

    /** Tunes the three learned arms on {@code data}'s validation split (see {@link ValidationSplit}). */
    public static Choice tune(FleetData data, java.util.Map<String, String> kinds, HarnessConfig base) {
        FleetData fleet = ValidationSplit.of(data, kinds, base.seed());
        QualityHarness harness = new QualityHarness(base, line -> { });
        List<Trial> trials = new ArrayList<>();
        HarnessConfig central = choose("centralized", base, base.centralEpochs(),
            (r, e) -> with(base, r, base.localEpochs(), e, base.localOnlyEpochs()),
            c -> HoldoutEvaluator.evaluate(CentralizedArm.train(fleet, c), fleet.holdout()).f1(), trials);
        HarnessConfig federated = choose("federated", base, base.localEpochs(),
            (r, e) -> with(base, r, e, base.centralEpochs(), base.localOnlyEpochs()),
            c -> FederatedArm.run(fleet, c, harness.plain(), 0.0).verdicts().f1(), trials);
        HarnessConfig local = choose("local_only", base, base.localOnlyEpochs(),
            (r, e) -> with(base, r, base.localEpochs(), base.centralEpochs(), e),
            c -> HoldoutEvaluator.evaluateEach(LocalOnlyArm.train(fleet, c), fleet.holdout()).f1(), trials);
        return new Choice(central, federated, local, List.copyOf(trials));
    }

    private interface Variant {
        HarnessConfig of(double rate, int epochs);
    }

    private static HarnessConfig choose(String arm, HarnessConfig base, int defaultEpochs, Variant variant,
                                        ToDoubleFunction<HarnessConfig> validationF1, List<Trial> trials) {
        HarnessConfig best = null;
        double bestF1 = Double.NEGATIVE_INFINITY;
        for (double rate : RATES) {
            for (int factor : EPOCH_FACTORS) {
                HarnessConfig c = variant.of(rate, defaultEpochs * factor);
                double f1 = validationF1.applyAsDouble(c);
                trials.add(new Trial(arm, rate, defaultEpochs * factor, f1));
                if (f1 > bestF1) {
                    bestF1 = f1;
                    best = c;
                }
            }
        }
        return best;
    }

    static Trial best(List<Trial> trials) {
        Trial best = trials.get(0);
        for (Trial t : trials) {
            if (t.validationF1() > best.validationF1()) {
                best = t;
            }
        }
        return best;
    }

    private static HarnessConfig with(HarnessConfig b, double rate, int localEpochs, int centralEpochs,
                                      int localOnlyEpochs) {
        return new HarnessConfig(b.rounds(), localEpochs, centralEpochs, localOnlyEpochs, rate, b.batchSize(), b.l2(),
            b.attackShare(), b.attackScale(), b.trimBeta(), b.clipNorm(), b.participation(), b.threads(), b.seed());
    }
}
