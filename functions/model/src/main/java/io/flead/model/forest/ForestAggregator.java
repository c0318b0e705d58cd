package io.flead.model.forest;

import io.flead.model.Rejection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The global forest as a fold ({@link #empty}, {@link #add}, {@link #finish}): every update is validated
 * ({@link ForestValidation}); an accepted one replaces its device's earlier contribution and joins the ensemble, each
 * of its trees weighted by the update's samples over its trees; once the ensemble holds more than
 * {@code forest.max.trees} trees the oldest are retired. {@code finish} publishes the next version with the threshold
 * at the configured contamination of the pooled score sketches of the contributions still alive.
 */
public final class ForestAggregator {
    /** Update ids remembered for the duplicate check (the oldest forgotten first). */
    static final int REMEMBERED_IDS = 100_000;

    private final ForestSettings settings;
    private final List<String> featureNames;
    private final ForestValidation validation;

    public ForestAggregator(ForestSettings settings, List<String> featureNames) {
        this.settings = settings;
        this.featureNames = List.copyOf(featureNames);
        this.validation = new ForestValidation(settings, featureNames);
    }

    /** One accepted update still in the ensemble: its device, trees (oldest first), weight per tree and sketch. */
    public record Contribution(String deviceId, List<IsolationTree> trees, double treeWeight, long nSamples,
                               long[] sketch) {
    }

    /** The fold's state: the last version, contributions oldest first, ids seen, and refusals not yet published. */
    public record State(long version, List<Contribution> live, Set<String> seen, List<Rejection> pending,
                        Set<String> participants) {
        public int trees() {
            return live.stream().mapToInt(c -> c.trees().size()).sum();
        }
    }

    public State empty() {
        return new State(0, List.of(), Set.of(), List.of(), Set.of());
    }

    /** The state after {@code u}: accepted into the ensemble, or refused with its reason kept for the next version. */
    public State add(State s, ForestUpdate u) {
        Optional<String> refusal = validation.check(u, s.seen());
        Set<String> seen = new LinkedHashSet<>(s.seen());
        seen.add(u.updateId());
        if (seen.size() > REMEMBERED_IDS) {
            seen.remove(seen.iterator().next());
        }
        if (refusal.isPresent()) {
            List<Rejection> pending = new ArrayList<>(s.pending());
            pending.add(new Rejection(u.updateId(), refusal.get()));
            return new State(s.version(), s.live(), seen, pending, s.participants());
        }
        List<Contribution> live = new ArrayList<>();
        for (Contribution c : s.live()) {
            if (!c.deviceId().equals(u.deviceId())) {
                live.add(c);
            }
        }
        live.add(new Contribution(u.deviceId(), u.trees(), (double) u.nSamples() / u.trees().size(), u.nSamples(),
            u.scoreSketch().clone()));
        Set<String> participants = new HashSet<>(s.participants());
        participants.add(u.deviceId());
        return new State(s.version(), retire(live), seen, s.pending(), participants);
    }

    /** Drops the oldest trees (and contributions left without trees) until at most {@code forest.max.trees} remain. */
    private List<Contribution> retire(List<Contribution> live) {
        int excess = live.stream().mapToInt(c -> c.trees().size()).sum() - settings.maxTrees();
        List<Contribution> out = new ArrayList<>(live.size());
        for (Contribution c : live) {
            int drop = Math.max(0, Math.min(excess, c.trees().size()));
            excess -= drop;
            if (drop < c.trees().size()) {
                out.add(drop == 0 ? c : new Contribution(c.deviceId(), c.trees().subList(drop, c.trees().size()),
                    c.treeWeight(), c.nSamples(), c.sketch()));
            }
        }
        return List.copyOf(out);
    }

    /** The next version (empty when no contribution is alive yet) and the state after publishing it. */
    public record Published(Optional<ForestModel> model, State state) {
    }

    public Published finish(State s, long ts) {
        if (s.live().isEmpty()) {
            return new Published(Optional.empty(), s);
        }
        List<IsolationTree> trees = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        long[] pooled = ScoreSketch.empty();
        long samples = 0;
        for (Contribution c : s.live()) {
            for (IsolationTree t : c.trees()) {
                trees.add(t);
                weights.add(c.treeWeight());
            }
            ScoreSketch.merge(pooled, c.sketch());
            samples += c.nSamples();
        }
        double threshold = ScoreSketch.upperQuantile(pooled, settings.contamination());
        long version = s.version() + 1;
        ForestModel model = new ForestModel(ForestUpdate.KIND, version, ts, s.participants().size(), samples,
            featureNames, settings.subsample(), trees, weights.stream().mapToDouble(Double::doubleValue).toArray(),
            settings.contamination(), threshold, s.pending());
        return new Published(Optional.of(model), new State(version, s.live(), s.seen(), List.of(), Set.of()));
    }
}
