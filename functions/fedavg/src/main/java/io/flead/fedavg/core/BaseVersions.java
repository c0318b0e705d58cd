package io.flead.fedavg.core;

import io.flead.model.ClassMoments;
import io.flead.model.Eval;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The base versions a round's updates were trained from, as {@link VersionRecord}s: from the history, or for the
 * current version and version 0 from what is known of them without it. An update whose base is not known (it fell out
 * of the history, or the history was lost) is taken to be based on the current version: its change is then measured
 * from the current parameters, as a synchronous round would.
 */
final class BaseVersions {
    private final ModelHistory history;
    private final GlobalModel current;

    BaseVersions(ModelHistory history, GlobalModel current) {
        this.history = history;
        this.current = current;
    }

    /** The record of {@code version}, or null when it is not known. */
    VersionRecord get(long version) {
        VersionRecord known = history.get(version);
        if (known != null) {
            return known;
        }
        if (version == current.version()) {
            return VersionRecord.published(version, current.hasWeights() ? parameters(current) : new double[0],
                current.hasWeights());
        }
        return version == 0 ? VersionRecord.published(0, new double[0], false) : null;
    }

    /** The parameters (weights then bias, d + 1 values) an update's change is measured from. */
    double[] baseOf(LocalModelUpdate u) {
        int d = current.dimension();
        VersionRecord base = get(u.baseVersion());
        return (base != null ? base : get(current.version())).parameterVector(d);
    }

    /**
     * Adds the round's evaluations to the running evaluation of each base version they evaluate, and returns the
     * evaluation to report: the newest of those versions and the previously reported one that rests on at least
     * {@code minUpdates} updates, else the newest of them (null when there is no evaluation at all). A version first
     * evaluated by a handful of updates is not reported, nor tuned on, until enough of its updates arrived.
     */
    VersionRecord recordEvaluations(List<LocalModelUpdate> valid, long previouslyReported, long minUpdates) {
        return recordEvaluations(valid, previouslyReported, minUpdates, Defences.off().poolStrategy(), 0);
    }

    /**
     * As {@link #recordEvaluations(List, long, long)}, with the round's evaluations of each base version pooled by
     * {@code pool} ({@link RobustPooling#evals}) instead of summed.
     */
    VersionRecord recordEvaluations(List<LocalModelUpdate> valid, long previouslyReported, long minUpdates,
                                    Strategy pool, double beta) {
        Map<Long, List<Eval>> parts = new TreeMap<>();
        Map<Long, Long> counts = new TreeMap<>();
        for (LocalModelUpdate u : valid) {
            if (u.eval().total() > 0) {
                parts.computeIfAbsent(u.baseVersion(), v -> new java.util.ArrayList<>()).add(u.eval());
                counts.merge(u.baseVersion(), 1L, Long::sum);
            }
        }
        Map<Long, Eval> sums = new TreeMap<>();
        parts.forEach((version, evals) -> sums.put(version, RobustPooling.evals(evals, pool, beta)));
        VersionRecord newest = null;
        VersionRecord newestSupported = null;
        for (Map.Entry<Long, Eval> e : sums.entrySet()) {
            VersionRecord base = get(e.getKey());
            if (base != null) {
                newest = base.plus(counts.get(e.getKey()), e.getValue());
                history.put(newest);
                newestSupported = newest.updates() >= minUpdates ? newest : newestSupported;
            }
        }
        VersionRecord reported = previouslyReported < 0 ? null : history.get(previouslyReported);
        if (reported != null && reported.updates() >= minUpdates
            && (newestSupported == null || reported.version() > newestSupported.version())) {
            newestSupported = reported;
        }
        if (newestSupported != null) {
            return newestSupported;
        }
        return newest != null ? newest : reported;
    }

    /** Records what has now been applied on behalf of {@code version} (a version not known is not recorded). */
    void recordApplied(long version, double[] mean, double weight) {
        VersionRecord known = get(version);
        if (known != null) {
            history.put(known.withApplied(mean, weight));
        }
    }

    /** As {@link #recordApplied(long, double[], double)}, with the class moments pooled on that version so far. */
    void recordApplied(long version, double[] mean, double weight, ClassMoments pooled) {
        VersionRecord known = get(version);
        if (known != null) {
            history.put(known.withApplied(mean, weight, pooled));
        }
    }

    static double[] parameters(GlobalModel model) {
        int d = model.dimension();
        double[] p = new double[d + 1];
        System.arraycopy(model.weights(), 0, p, 0, d);
        p[d] = model.bias();
        return p;
    }
}
