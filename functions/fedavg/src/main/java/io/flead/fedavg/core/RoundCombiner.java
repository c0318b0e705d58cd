package io.flead.fedavg.core;

import io.flead.model.ClassMoments;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Combines the valid updates of one round into new parameters (weights then bias): each update's delta from its own
 * base version (FedBuff: stale work contributes the change it made, not a pull back towards an older model), optional
 * clipping, the strategy, optional central DP noise, added back to the previous
 * parameters. Updates with {@code n_samples = 0} (statistics only) take no part.
 *
 * <p>FedAvg moves the current model by sum(n_i * s_i * delta_i) / sum(n_i), with s_i = (1+tau_i)^-0.5 and tau_i the
 * update's staleness in versions, and delta_i = theta_i - theta(base_i): a stale update counts less against fresh
 * ones, and its change is added to what the rounds after its base built instead of replacing it. Trimmed mean and median are coordinate-wise order statistics that ignore
 * weights; their step is scaled by the same sample-weighted mean of s_i.
 *
 * <p>With central DP on ({@code dp.noise.multiplier} z > 0, FedAvg only) the step is {@link #privateStep}: every
 * device's delta clipped to C and weighted by s_i alone (at most 1, whatever {@code n_samples} it claims), summed and
 * divided by the fixed denominator K = {@code round.size}, plus Gaussian noise of sigma = z * C / K per coordinate from
 * a generator seeded with {@code dp.seed} and the new version. Adding or removing one device moves that sum by at most
 * C / K, so the noise is calibrated to the weighting actually used; sample weights are not used under DP because the
 * sample-weighted mean moves by C * n_max / sum(n) for one device, which a device claiming a huge {@code n_samples}
 * makes as large as C.
 *
 * <p>The first weighted model comes from the data, not from averaging: updates trained from a version that has
 * statistics but no weights carry their windows' class moments, and FedAvg (without DP noise) takes for all such
 * updates together the linear discriminant of their pooled moments ({@link ClassMoments#discriminant}) instead of the
 * mean of their locally trained models, refined as more of them arrive exactly as the running mean is.
 *
 * <p>The round's step (the aggregated change, after noise) then goes through the server optimiser
 * ({@link ServerOptimizer}: none, FedAvgM or FedAdam), starting from the state kept with the previous version. A step
 * taken from the discriminant alone is a jump to a model built from data, not a gradient: it passes as it is and
 * leaves the optimiser's state unchanged.
 */
final class RoundCombiner {
    private final FedAvgSettings settings;
    private final GlobalModel previous;
    private final BaseVersions bases;
    private boolean discriminant;
    private boolean trainedStep;
    private ServerState serverState;
    private final List<Rejection> adjustments = new ArrayList<>();
    private final Map<String, Double> cappedWeights = new java.util.HashMap<>();

    RoundCombiner(FedAvgSettings settings, GlobalModel previous, BaseVersions bases) {
        this.settings = settings;
        this.previous = previous;
        this.bases = bases;
    }

    double[] combine(List<LocalModelUpdate> valid) {
        int d = previous.dimension();
        VersionRecord current = bases.get(previous.version());
        serverState = current == null ? null : current.serverState();
        double[] base = baseParameters(d);
        List<LocalModelUpdate> training = new ArrayList<>();
        for (LocalModelUpdate u : valid) {
            if (u.nSamples() > 0) {
                training.add(u);
            }
        }
        if (training.isEmpty()) {
            return base;
        }
        capWeights(training);
        if (settings.strategy() == Strategy.FEDAVG) {
            double[] step = serverStep(settings.dpNoiseMultiplier() > 0 ? privateStep(training, d)
                : perBaseStep(training, d));
            for (int j = 0; j <= d; j++) {
                base[j] += step[j];
            }
            return base;
        }
        double[][] deltas = new double[training.size()][];
        double[] weights = new double[training.size()];
        for (int i = 0; i < deltas.length; i++) {
            LocalModelUpdate u = training.get(i);
            deltas[i] = delta(u, bases.baseOf(u), d);
            weights[i] = weight(u) * stalenessWeight(previous.version() - u.baseVersion());
        }
        double step = stepScale(training, weights); // before clipping, which scales the weights it clips
        double[] aggregate = aggregate(training, deltas, weights, d + 1);
        for (int j = 0; j <= d; j++) {
            aggregate[j] *= step;
        }
        aggregate = serverStep(aggregate);
        for (int j = 0; j <= d; j++) {
            base[j] += aggregate[j];
        }
        return base;
    }

    /** The step the server optimiser takes for the aggregated change {@code delta} (the change itself for none). */
    private double[] serverStep(double[] delta) {
        if (onlyDiscriminant()) {
            return delta;
        }
        ServerOptimizer.Step step = settings.server().step(delta, serverState);
        serverState = step.state();
        return step.step();
    }

    /**
     * The server optimiser's state after {@link #combine}, to keep with the new version: the previous version's when the
     * round took no optimiser step.
     */
    ServerState serverState() {
        return serverState;
    }

    /**
     * FedAvg's step, one base version at a time: the updates trained from a version move the model, over all the rounds
     * they arrive in, by their sample-weighted mean change from that version, as one synchronous round of them would.
     * A round applies, per base version, the change its updates make to that running mean (the whole mean for a version's
     * first updates, a correction for its later ones), weighted by the staleness weight (1+tau)^-0.5, and sums over the
     * base versions. So a burst of updates on one version that closes several rounds moves the model by one averaged
     * step instead of one per round, and late updates of an old version still add what they learned.
     */
    private double[] perBaseStep(List<LocalModelUpdate> training, int d) {
        double[][] deltas = new double[training.size()][];
        double[] weights = new double[training.size()];
        for (int i = 0; i < deltas.length; i++) {
            LocalModelUpdate u = training.get(i);
            deltas[i] = delta(u, bases.baseOf(u), d);
            weights[i] = weight(u);
        }
        clip(deltas, weights);
        double[] step = new double[d + 1];
        boolean[] unweightedBase = new boolean[deltas.length];
        List<LocalModelUpdate> fromUnweighted = new ArrayList<>();
        for (int i = 0; i < deltas.length; i++) {
            VersionRecord base = bases.get(training.get(i).baseVersion());
            unweightedBase[i] = base != null && !base.weighted();
            if (unweightedBase[i]) {
                fromUnweighted.add(training.get(i));
            }
        }
        boolean discriminantTaken = discriminantStep(fromUnweighted, step, d);
        Map<Long, List<Integer>> byBase = new TreeMap<>();
        for (int i = 0; i < deltas.length; i++) {
            if (!discriminantTaken || !unweightedBase[i]) {
                byBase.computeIfAbsent(training.get(i).baseVersion(), v -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Long, List<Integer>> group : byBase.entrySet()) {
            trainedStep = true;
            double[][] groupDeltas = group.getValue().stream().map(i -> deltas[i]).toArray(double[][]::new);
            double[] groupWeights = group.getValue().stream().mapToDouble(i -> weights[i]).toArray();
            double weight = java.util.Arrays.stream(groupWeights).sum();
            if (weight <= 0) {
                continue;
            }
            double[] batch = DeltaAggregation.weightedMean(groupDeltas, groupWeights, d + 1);
            VersionRecord record = bases.get(group.getKey());
            double[] applied = record == null ? new double[d + 1] : record.appliedVector(d);
            double before = record == null ? 0 : record.appliedWeight();
            double s = stalenessWeight(previous.version() - group.getKey());
            double[] mean = new double[d + 1];
            for (int j = 0; j <= d; j++) {
                mean[j] = (before * applied[j] + weight * batch[j]) / (before + weight);
                step[j] += s * (mean[j] - applied[j]);
            }
            bases.recordApplied(group.getKey(), mean, before + weight);
        }
        return step;
    }

    /**
     * The differentially private FedAvg step: sum(s_i * clip_C(delta_i)) / max(K, m) + N(0, (z * C / max(K, m))^2) for
     * the m deltas of the round, K = {@code round.size}. A round holds at most K devices when it is closed as soon as
     * it is due; the fixed denominator K (not m) is what keeps one device's influence at C / K whether or not it took
     * part. No per-base running mean here: that mean carries unreleased, noise-free state from earlier rounds.
     */
    private double[] privateStep(List<LocalModelUpdate> training, int d) {
        trainedStep = true;
        double[][] deltas = new double[training.size()][];
        for (int i = 0; i < deltas.length; i++) {
            LocalModelUpdate u = training.get(i);
            deltas[i] = delta(u, bases.baseOf(u), d);
        }
        DeltaAggregation.clip(deltas, settings.clipNorm());
        int denominator = Math.max(settings.roundSize(), deltas.length);
        double[] step = new double[d + 1];
        for (int i = 0; i < deltas.length; i++) {
            double s = stalenessWeight(previous.version() - training.get(i).baseVersion());
            for (int j = 0; j <= d; j++) {
                step[j] += s * deltas[i][j] / denominator;
            }
        }
        addNoise(step, denominator);
        return step;
    }

    /** The noise standard deviation of a private step over {@code denominator} (see {@link #privateStep}). */
    static double noiseSigma(FedAvgSettings settings, int denominator) {
        return settings.dpNoiseMultiplier() * settings.clipNorm() / denominator;
    }

    /**
     * For the updates trained from versions with statistics but no weights, when all of them carry class moments: pools
     * those moments with the ones such updates brought before (kept on version 0's record, as every version without
     * weights starts from the same zero model) and moves the model by the change of the discriminant of the pooled
     * moments since the last one applied: the whole discriminant for the first weighted version, then a correction
     * weighted by (1+tau)^-0.5, tau counted from the newest of their bases, as late updates arrive. False when it does not
     * apply (no such update, one without moments, a class without rows, DP noise on), leaving the usual step.
     */
    private boolean discriminantStep(List<LocalModelUpdate> updates, double[] step, int d) {
        VersionRecord record = bases.get(0);
        if (updates.isEmpty() || record == null || settings.dpNoiseMultiplier() > 0
            || updates.stream().anyMatch(u -> u.classMoments() == null)) {
            return false;
        }
        ClassMoments pooled = record.classMoments() != null ? record.classMoments() : ClassMoments.empty(d);
        pooled = pooled.merge(RobustPooling.classMoments(updates.stream().map(LocalModelUpdate::classMoments).toList(),
            settings.defences().momentsStrategy(), settings.trimBeta()));
        double[] target = pooled.discriminant();
        if (target == null) {
            return false;
        }
        double[] applied = record.appliedVector(d);
        long newestBase = updates.stream().mapToLong(LocalModelUpdate::baseVersion).max().orElse(0);
        double s = previous.hasWeights() ? stalenessWeight(previous.version() - newestBase) : 1.0;
        for (int j = 0; j <= d; j++) {
            step[j] += s * (target[j] - applied[j]);
        }
        double weight = record.appliedWeight() + updates.stream().mapToDouble(this::weight).sum();
        bases.recordApplied(0, target, weight, pooled);
        discriminant = true;
        return true;
    }

    /**
     * Caps each update's sample weight ({@link Defences#cappedWeight}) against the round's median claim, and reports
     * each capped update with its claim and the weight it counts with.
     */
    private void capWeights(List<LocalModelUpdate> training) {
        double[] claims = training.stream().mapToDouble(LocalModelUpdate::nSamples).sorted().toArray();
        int m = claims.length;
        double median = m % 2 == 1 ? claims[m / 2] : 0.5 * (claims[m / 2 - 1] + claims[m / 2]);
        Defences defences = settings.defences();
        for (LocalModelUpdate u : training) {
            double w = defences.cappedWeight(u.nSamples(), median);
            cappedWeights.put(u.updateId(), w);
            if (w < u.nSamples()) {
                adjustments.add(new Rejection(u.updateId(), N_SAMPLES_CAPPED + ": n_samples " + u.nSamples()
                    + " counted as " + Math.round(w) + " (" + Defences.WEIGHT_CAP_MULTIPLE + " "
                    + defences.weightCapMultiple() + " x round median " + median + ", " + Defences.WEIGHT_CAP_ROWS + " "
                    + defences.weightCapRows() + ")"));
            }
        }
    }

    /** An update's sample weight after the caps (its claim before {@link #capWeights} ran). */
    private double weight(LocalModelUpdate u) {
        return cappedWeights.getOrDefault(u.updateId(), (double) u.nSamples());
    }

    /** Reason code of an update whose sample weight was capped (it still takes part). */
    static final String N_SAMPLES_CAPPED = "n_samples_capped";
    /** Reason code of an update Krum left out of the round's mean. */
    static final String KRUM_EXCLUDED = "krum_excluded";

    /** The updates this round counted for less than they claimed, or left out, each with its reason. */
    List<Rejection> adjustments() {
        return adjustments;
    }

    /** True when {@link #combine} took its step from the discriminant alone, no trained update's change. */
    boolean onlyDiscriminant() {
        return discriminant && !trainedStep;
    }

    /** Clips the deltas to the configured norm (fixed, or adaptive to the round's median), scaling adaptive weights too. */
    private void clip(double[][] deltas, double[] weights) {
        double clip = settings.clipNorm() > 0 ? settings.clipNorm() : Double.POSITIVE_INFINITY;
        if (settings.adaptiveClip()) {
            clip = Math.min(clip, settings.adaptiveClipFactor() * DeltaAggregation.medianNorm(deltas));
        }
        if (clip < Double.POSITIVE_INFINITY) {
            DeltaAggregation.clip(deltas, clip, settings.adaptiveClip() ? weights : null);
        }
    }

    private void addNoise(double[] aggregate, int denominator) {
        double sigma = noiseSigma(settings, denominator);
        Random random = new Random(settings.dpSeed() * 1_000_003L + previous.version() + 1);
        DeltaAggregation.addGaussianNoise(aggregate, sigma, random);
    }

    /**
     * The sample-weighted mean staleness weight of the round, sum(n_i * s_i) / sum(n_i), from the weights n_i * s_i:
     * 1 when every update is fresh.
     */
    private double stepScale(List<LocalModelUpdate> training, double[] weights) {
        double samples = 0;
        double weighted = 0;
        for (int i = 0; i < weights.length; i++) {
            samples += weight(training.get(i));
            weighted += weights[i];
        }
        return weighted / samples;
    }

    /** (1 + tau)^-0.5. */
    static double stalenessWeight(long tau) {
        return 1.0 / Math.sqrt(1.0 + Math.max(0, tau));
    }

    private double[] aggregate(List<LocalModelUpdate> training, double[][] deltas, double[] weights, int length) {
        clip(deltas, weights);
        return switch (settings.strategy()) {
            case FEDAVG -> DeltaAggregation.weightedMean(deltas, weights, length);
            case TRIMMED_MEAN -> DeltaAggregation.trimmedMean(deltas, settings.trimBeta(), length);
            case MEDIAN -> DeltaAggregation.median(deltas, length);
            case KRUM -> krum(training, deltas, length);
        };
    }

    /** The unweighted mean of the deltas multi-Krum selects; the others are reported as left out, with their score. */
    private double[] krum(List<LocalModelUpdate> training, double[][] deltas, int length) {
        Defences defences = settings.defences();
        double[] scores = new double[deltas.length];
        int[] chosen = DeltaAggregation.krum(deltas, defences.krumByzantine(), defences.krumSelect(), scores);
        boolean[] kept = new boolean[deltas.length];
        double[][] selected = new double[chosen.length][];
        for (int k = 0; k < chosen.length; k++) {
            kept[chosen[k]] = true;
            selected[k] = deltas[chosen[k]];
        }
        double cut = Arrays.stream(chosen).mapToDouble(i -> scores[i]).max().orElse(0);
        for (int i = 0; i < deltas.length; i++) {
            if (!kept[i]) {
                adjustments.add(new Rejection(training.get(i).updateId(), KRUM_EXCLUDED + ": score " + scores[i]
                    + " above the " + chosen.length + " kept (at most " + cut + ", " + Defences.KRUM_BYZANTINE + " "
                    + defences.krumByzantine() + ")"));
            }
        }
        double[] ones = new double[selected.length];
        Arrays.fill(ones, 1.0);
        return DeltaAggregation.weightedMean(selected, ones, length);
    }

    private double[] baseParameters(int d) {
        double[] base = new double[d + 1];
        if (previous.hasWeights()) {
            System.arraycopy(previous.weights(), 0, base, 0, d);
            base[d] = previous.bias();
        }
        return base;
    }

    private static double[] delta(LocalModelUpdate u, double[] base, int d) {
        double[] delta = new double[d + 1];
        for (int j = 0; j < d; j++) {
            delta[j] = u.weights()[j] - base[j];
        }
        delta[d] = u.bias() - base[d];
        return delta;
    }
}
