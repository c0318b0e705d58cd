package io.flead.fedavg.core;

import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.ReferenceHistogram;
import io.flead.model.Rejection;
import io.flead.model.ThresholdSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Federated aggregation as a fold over a {@link RoundBuffer}: {@link #empty}, {@link #add},
 * {@link #shouldClose}, {@link #close}.
 *
 * <p>{@code add} rejects at once what needs no global model (duplicate id, non-finite numbers,
 * inconsistent dimensions, norm above the bound) and keeps the latest update per device; {@code close}
 * rejects what the previous global model decides (feature names, staleness), combines the deltas with the
 * configured strategy, merges statistics exactly, sums the evaluations and chooses the threshold.
 * Every rejection is listed in the new global model.
 *
 * <p>The threshold maximises F1 over the summed margin histograms in the round's {@code eval}, that is
 * over the base models' scores on fresh windows they had not trained on; when the histograms cannot
 * decide (no positives or no negatives yet) the previous threshold is kept.
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

    /** Adds an update to the round (or records why it is rejected); returns the buffer, updated in place. */
    public RoundBuffer add(RoundBuffer buffer, LocalModelUpdate update, long nowMs) {
        return add(buffer, update, nowMs, buffer);
    }

    /** As {@link #add(RoundBuffer, LocalModelUpdate, long)}, with the ids already received kept in {@code seen}. */
    public RoundBuffer add(RoundBuffer buffer, LocalModelUpdate update, long nowMs, SeenUpdateIds seen) {
        if (seen.seen(update.updateId())) {
            buffer.reject(update.updateId(), UpdateValidator.DUPLICATE + ": already received");
            return buffer;
        }
        seen.remember(update.updateId());
        Optional<String> problem = validator.checkAlone(update);
        if (problem.isPresent()) {
            buffer.reject(update.updateId(), problem.get());
            return buffer;
        }
        LocalModelUpdate displaced = buffer.offer(update, nowMs);
        if (displaced != null) {
            String winner = displaced == update ? "a newer update of device " : "update ";
            buffer.reject(displaced.updateId(), UpdateValidator.SUPERSEDED + ": " + winner
                + (displaced == update ? update.deviceId() : update.updateId()) + " is kept");
        }
        return buffer;
    }

    /** True when the round has K devices, or its deadline passed with at least the minimum of devices. */
    public boolean shouldClose(RoundBuffer buffer, long nowMs) {
        if (buffer.participants() >= settings.roundSize()) {
            return true;
        }
        return buffer.participants() >= settings.minParticipants()
            && nowMs - buffer.openedMs() >= settings.roundDeadlineMs();
    }

    /** Closes the round on top of {@code previous}: the next global version and a fresh buffer. */
    public RoundResult close(RoundBuffer buffer, GlobalModel previous, long nowMs) {
        List<Rejection> rejected = new ArrayList<>(buffer.rejected());
        List<LocalModelUpdate> valid = new ArrayList<>();
        for (LocalModelUpdate u : buffer.updates()) {
            Optional<String> problem = validator.checkAgainst(u, previous);
            if (problem.isPresent()) {
                rejected.add(new Rejection(u.updateId(), problem.get()));
            } else {
                valid.add(u);
            }
        }
        double[] theta = new RoundCombiner(settings, previous).combine(valid);
        int d = previous.dimension();
        boolean trained = valid.stream().anyMatch(u -> u.nSamples() > 0) || previous.hasWeights();
        double[] weights = trained ? java.util.Arrays.copyOf(theta, d) : new double[0];
        Eval eval = sumEval(valid);
        double threshold = ThresholdSelector.maximiseF1(eval.scoreHistPos(), eval.scoreHistNeg(), previous.threshold());
        GlobalModel next = new GlobalModel(previous.version() + 1, previous.round() + 1, nowMs,
            settings.strategyName(), valid.size(), valid.stream().mapToLong(LocalModelUpdate::nSamples).sum(),
            previous.featureNames(), weights, trained ? theta[d] : 0.0, pooledStats(previous, valid), threshold,
            eval, rejected, histogram(previous, valid));
        return new RoundResult(next, buffer.next());
    }

    private static Eval sumEval(List<LocalModelUpdate> valid) {
        Eval sum = Eval.EMPTY;
        for (LocalModelUpdate u : valid) {
            sum = sum.plus(u.eval());
        }
        return sum;
    }

    /** The previous pooled statistics merged exactly with every valid update's window statistics. */
    private static FeatureStats pooledStats(GlobalModel previous, List<LocalModelUpdate> valid) {
        FeatureStats pooled = previous.stats() == null ? new FeatureStats(previous.dimension()) : previous.stats().copy();
        for (LocalModelUpdate u : valid) {
            pooled.mergeInPlace(u.stats());
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
