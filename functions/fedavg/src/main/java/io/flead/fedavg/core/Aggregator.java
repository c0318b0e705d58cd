package io.flead.fedavg.core;

import io.flead.model.ClassMoments;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.LogisticRegression;
import io.flead.model.PrivacySpend;
import io.flead.model.ReferenceHistogram;
import io.flead.model.Rejection;
import io.flead.model.ThresholdSelector;
import io.flead.model.VersionEvaluation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Federated aggregation as a fold over a {@link RoundBuffer}: {@link #empty}, {@link #add}, {@link #shouldClose},
 * {@link #close}.
 *
 * <p>{@code add} checks an update on arrival: alone (duplicate id, non-finite numbers, inconsistent dimensions, norm
 * above the bound, negative samples) and against the current version (feature names, staleness). A rejected update
 * takes no slot of the round, so K counts accepted updates only; the rejection is counted and reported in the next
 * version. The latest update per device is kept.
 *
 * <p>{@code close} publishes a version only when the round accepted at least one update: a version means learning.
 * Asynchronous updates are combined FedBuff-style: each contributes its change relative to its own base version
 * (read from the {@link ModelHistory}), weighted by n_samples times (1+tau)^-0.5, and the step is applied to the
 * current model. Statistics merge exactly, evaluations are summed, and the version's own {@code evaluation} is the
 * running evaluation of the newest base version that at least half a round of updates evaluated (see
 * {@link BaseVersions#recordEvaluations}). With {@link Defences} the sample weights are capped against the round and
 * the statistics, class moments and evaluations pooled by an order statistic; capped and Krum-excluded updates are
 * reported in the version's rejections with their reasons (codes {@code n_samples_capped}, {@code krum_excluded}),
 * though they took part. The threshold is tuned on that version's margins only; when that version
 * had no weights (the max-|z| rule scored, so no margins exist), it is 0.5 for a discriminant built from class
 * moments (its bias carries the class prior) and otherwise the share of attack rows in the round; so it is too for the
 * first trained versions after a discriminant, whose margins do not carry over.
 */
public final class Aggregator {
    private final FedAvgSettings settings;
    private final UpdateValidator validator;

    public Aggregator(FedAvgSettings settings) {
        this.settings = settings;
        this.validator = new UpdateValidator(settings);
    }

    public FedAvgSettings settings() {
        return settings;
    }

    public RoundBuffer empty() {
        return new RoundBuffer(settings.seenIdsCapacity(), new LinkedHashSet<>());
    }

    /**
     * Adds an update to the round checking only what needs no global model; the checks against the global model then
     * happen at {@link #close}. For a synchronous caller (the offline harness) that closes on the model it trained from.
     */
    public RoundBuffer add(RoundBuffer buffer, LocalModelUpdate update, long nowMs) {
        arrive(buffer, update, null, nowMs, buffer);
        return buffer;
    }

    /** As {@link #add(RoundBuffer, LocalModelUpdate, long)}, with the ids already received kept in {@code seen}. */
    public RoundBuffer add(RoundBuffer buffer, LocalModelUpdate update, long nowMs, SeenUpdateIds seen) {
        arrive(buffer, update, null, nowMs, seen);
        return buffer;
    }

    /**
     * Checks an update on arrival against {@code current} (the newest version; null to defer those checks to close),
     * and takes it into the round or rejects it. The buffer is updated in place.
     */
    public Arrival arrive(RoundBuffer buffer, LocalModelUpdate update, GlobalModel current, long nowMs,
                          SeenUpdateIds seen) {
        if (seen.seen(update.updateId())) {
            return rejected(buffer, update, UpdateValidator.DUPLICATE + ": already received");
        }
        seen.remember(update.updateId());
        Optional<String> problem = validator.checkAlone(update);
        if (problem.isEmpty() && current != null) {
            problem = validator.checkAgainst(update, current);
        }
        if (problem.isPresent()) {
            return rejected(buffer, update, problem.get());
        }
        LocalModelUpdate displaced = buffer.offer(update, nowMs);
        if (displaced == update) {
            return rejected(buffer, update, UpdateValidator.SUPERSEDED + ": a newer update of device "
                + update.deviceId() + " is kept");
        }
        if (displaced != null) {
            buffer.reject(displaced.updateId(), UpdateValidator.SUPERSEDED + ": update " + update.updateId() + " is kept");
        }
        return new Arrival(update, null, displaced);
    }

    private static Arrival rejected(RoundBuffer buffer, LocalModelUpdate update, String reason) {
        return new Arrival(update, buffer.reject(update.updateId(), reason), null);
    }

    /** True when the round accepted K devices, or its deadline passed with at least the minimum of devices. */
    public boolean shouldClose(RoundBuffer buffer, long nowMs) {
        if (buffer.participants() >= settings.roundSize()) {
            return true;
        }
        return buffer.participants() >= settings.minParticipants()
            && nowMs - buffer.openedMs() >= settings.roundDeadlineMs();
    }

    /**
     * Closes the round on top of {@code previous} with a history kept only for this call: each update's base is taken
     * to be {@code previous} unless it is version 0 (for a synchronous caller, where every base is the previous model).
     * A server optimiser's state lives in the history, so with one configured every round starts it from zeros here:
     * keep a history across rounds and use {@link #close(RoundBuffer, GlobalModel, ModelHistory, long)}.
     */
    public RoundResult close(RoundBuffer buffer, GlobalModel previous, long nowMs) {
        ModelHistory history = ModelHistory.inMemory();
        return close(buffer, previous, history, nowMs);
    }

    /**
     * Closes the round on top of {@code previous}: the next version (null when the round accepted no update, which
     * publishes nothing and keeps the buffer as it is) and a fresh buffer. {@code history} gives the base versions'
     * parameters and running evaluations, and receives the new version and the evaluations learned.
     */
    public RoundResult close(RoundBuffer buffer, GlobalModel previous, ModelHistory history, long nowMs) {
        List<Rejection> rejected = new ArrayList<>(buffer.rejected());
        Map<String, Long> counts = new TreeMap<>(buffer.rejectedCounts());
        List<Rejection> atClose = new ArrayList<>();
        List<LocalModelUpdate> valid = new ArrayList<>();
        for (LocalModelUpdate u : buffer.updates()) {
            Optional<String> problem = validator.checkAgainst(u, previous);
            if (problem.isPresent()) {
                Rejection r = new Rejection(u.updateId(), problem.get());
                atClose.add(r);
                if (rejected.size() < RoundBuffer.REJECTIONS_LISTED) {
                    rejected.add(r);
                }
                counts.merge(Rejection.code(problem.get()), 1L, Long::sum);
            } else {
                valid.add(u);
            }
        }
        RoundBuffer next = buffer.next();
        if (valid.isEmpty()) {
            next.carry(rejected, counts);
            return new RoundResult(null, next, List.of(), atClose);
        }
        // arrival order differs between a live round and one read back from its store: combine in a fixed order
        valid.sort(Comparator.comparing(LocalModelUpdate::deviceId).thenComparing(LocalModelUpdate::updateId));
        int d = previous.dimension();
        BaseVersions bases = new BaseVersions(history, previous);
        RoundCombiner combiner = new RoundCombiner(settings, previous, bases);
        double[] theta = combiner.combine(valid);
        boolean trained = valid.stream().anyMatch(u -> u.nSamples() > 0) || previous.hasWeights();
        double[] weights = trained ? Arrays.copyOf(theta, d) : new double[0];
        Defences defences = settings.defences();
        VersionRecord evaluated = bases.recordEvaluations(valid,
            previous.evaluation() == null ? -1 : previous.evaluation().version(), (settings.roundSize() + 1) / 2,
            defences.poolStrategy(), settings.trimBeta());
        double threshold = threshold(evaluated, valid, previous, combiner.onlyDiscriminant(), theta, settings);
        for (Rejection r : combiner.adjustments()) {
            if (rejected.size() < RoundBuffer.REJECTIONS_LISTED) {
                rejected.add(r);
            }
            counts.merge(Rejection.code(r.reason()), 1L, Long::sum);
        }
        long version = previous.version() + 1;
        long maxStaleness = valid.stream().mapToLong(u -> previous.version() - u.baseVersion()).max().orElse(0);
        GlobalModel model = new GlobalModel(version, previous.round() + 1, nowMs, settings.strategyName(), valid.size(),
            valid.stream().mapToLong(LocalModelUpdate::nSamples).sum(), previous.featureNames(), weights,
            trained ? theta[d] : 0.0, combiner.onlyDiscriminant() ? previous.stats() : pooledStats(previous, valid, settings),
            threshold, sumEval(valid), rejected,
            histogram(previous, valid), evaluation(evaluated), counts, maxStaleness, privacySpend(previous));
        history.put(VersionRecord.published(version, trained ? theta : new double[0], trained,
            combiner.onlyDiscriminant(), combiner.serverState()));
        history.forgetBefore(version - settings.maxStaleness());
        return new RoundResult(model, next, valid, atClose);
    }

    /**
     * The privacy spent once this version is published: with DP noise on, one more round of the Gaussian mechanism than
     * the previous version had spent (rounds published without noise before DP was turned on are not covered), at
     * sampling rate 1, since nothing in a streaming fleet guarantees how devices come to take part; null without noise.
     */
    private PrivacySpend privacySpend(GlobalModel previous) {
        double z = settings.dpNoiseMultiplier();
        if (z <= 0) {
            return null;
        }
        long rounds = (previous.dp() == null ? 0 : previous.dp().rounds()) + 1;
        return new PrivacySpend(rounds, z, 1.0, RdpAccountant.epsilon(z, 1.0, rounds), RdpAccountant.DEFAULT_DELTA);
    }

    private static VersionEvaluation evaluation(VersionRecord evaluated) {
        return evaluated == null ? null : new VersionEvaluation(evaluated.version(), evaluated.updates(),
            Eval.counts(evaluated.eval().tp(), evaluated.eval().fp(), evaluated.eval().tn(), evaluated.eval().fn()));
    }

    /**
     * The F1-maximising threshold on the evaluated version's margins, carried over to the new parameters {@code theta}
     * ({@link #carried}), unless that version was a discriminant alone and this one has trained steps: training moves a
     * discriminant's margins too far for its cut to carry over (measured: the first trained version then scored F1 0.73
     * against 0.84 with the rule below), so then, as for a first trained version, the round's share of attack rows. When
     * that version had no weights (the max-|z| rule scored, so there are no margins of a weighted model yet), the round's
     * share of attack rows among its labelled rows: a model trained on log loss predicts about that share on average,
     * so it flags the rows it finds likelier than average to be attacks, where the prior 0.5 would flag nothing. Without
     * labelled rows, the previous threshold.
     */
    private static double threshold(VersionRecord evaluated, List<LocalModelUpdate> valid, GlobalModel previous,
                                    boolean discriminant, double[] theta, FedAvgSettings settings) {
        if (evaluated != null && evaluated.weighted() && (discriminant || !evaluated.discriminant())) {
            double best = ThresholdSelector.maximiseF1(evaluated.eval().scoreHistPos(), evaluated.eval().scoreHistNeg(),
                previous.threshold());
            return carried(best, evaluated.parameterVector(previous.dimension()), theta, valid, settings).orElse(best);
        }
        if (discriminant) {
            return GlobalModel.PRIOR_THRESHOLD; // the discriminant's bias carries the class prior: 0.5 is its own cut
        }
        long positives = 0;
        long labelled = 0;
        for (LocalModelUpdate u : valid) {
            Eval rows = u.fit() != null ? u.fit() : u.eval();
            positives += rows.tp() + rows.fn();
            labelled += rows.total();
        }
        boolean trained = valid.stream().anyMatch(u -> u.nSamples() > 0);
        if (!trained || positives == 0 || positives == labelled) {
            return previous.threshold();
        }
        return (double) positives / labelled;
    }

    /** The least distance, in margin units, between the class means under either model for a threshold to be carried. */
    static final double MIN_CLASS_SEPARATION = 0.5;

    /**
     * The threshold chosen on the evaluated version's margins, carried to the new parameters: the evaluated version is
     * a few versions older than the new one, whose margins are shifted and scaled against its own, so the cut is kept
     * at the same place relative to the two class means of the round's rows (from the class moments its updates carry)
     * under each model. For a new model that only rescales and shifts the old margins this is exact; otherwise it
     * follows the bulk of the change. Empty when the round brought no class moments of both classes or either model
     * does not separate the class means by {@value #MIN_CLASS_SEPARATION}.
     */
    static OptionalDouble carried(double threshold, double[] evaluated, double[] theta, List<LocalModelUpdate> valid) {
        return carried(threshold, evaluated, theta, valid, FedAvgSettings.defaults());
    }

    /** As {@link #carried(double, double[], double[], List)}, the class moments pooled as {@code settings} say. */
    static OptionalDouble carried(double threshold, double[] evaluated, double[] theta, List<LocalModelUpdate> valid,
                                  FedAvgSettings settings) {
        List<ClassMoments> parts = new ArrayList<>();
        for (LocalModelUpdate u : valid) {
            if (u.classMoments() != null && u.classMoments().dimension() + 1 == theta.length) {
                parts.add(u.classMoments());
            }
        }
        ClassMoments pooled = RobustPooling.classMoments(parts, settings.defences().momentsStrategy(), settings.trimBeta());
        if (pooled == null || pooled.positive().rows() == 0 || pooled.negative().rows() == 0
            || evaluated.length != theta.length || threshold <= 0 || threshold >= 1) {
            return OptionalDouble.empty();
        }
        double old0 = pooled.negative().meanMargin(evaluated);
        double old1 = pooled.positive().meanMargin(evaluated);
        double new0 = pooled.negative().meanMargin(theta);
        double new1 = pooled.positive().meanMargin(theta);
        if (old1 - old0 < MIN_CLASS_SEPARATION || new1 - new0 < MIN_CLASS_SEPARATION) {
            return OptionalDouble.empty();
        }
        double relative = (Math.log(threshold / (1 - threshold)) - old0) / (old1 - old0);
        return OptionalDouble.of(LogisticRegression.sigmoid(new0 + relative * (new1 - new0)));
    }

    private static Eval sumEval(List<LocalModelUpdate> valid) {
        Eval sum = Eval.EMPTY;
        for (LocalModelUpdate u : valid) {
            sum = sum.plus(u.eval());
        }
        return sum;
    }

    /**
     * The previous pooled statistics merged exactly with every valid update's window statistics. A version that is a
     * discriminant alone keeps the previous statistics instead: its class moments were taken in that feature space,
     * and its large weights would not fit one standardised differently.
     */
    private static FeatureStats pooledStats(GlobalModel previous, List<LocalModelUpdate> valid, FedAvgSettings settings) {
        FeatureStats pooled = previous.stats() == null ? new FeatureStats(previous.dimension()) : previous.stats().copy();
        FeatureStats round = RobustPooling.stats(valid.stream().map(LocalModelUpdate::stats).toList(),
            settings.defences().poolStrategy(), settings.trimBeta());
        if (round != null) {
            pooled.mergeInPlace(round);
        }
        return previous.stats() == null && valid.isEmpty() ? null : pooled;
    }

    /** The exact merge of the histograms relative to the previous version, else the previous reference. */
    private static ReferenceHistogram histogram(GlobalModel previous, List<LocalModelUpdate> valid) {
        ReferenceHistogram merged = null;
        for (LocalModelUpdate u : valid) {
            ReferenceHistogram h = u.histogram();
            if (h == null || h.referenceVersion() != previous.version() || h.dimension() != previous.dimension()) {
                continue;
            }
            if (merged == null) {
                merged = h;
            } else if (merged.sameReference(h)) {
                merged = merged.merge(h);
            }
        }
        return merged == null ? previous.histogram() : merged;
    }
}
