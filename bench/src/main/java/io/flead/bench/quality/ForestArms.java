package io.flead.bench.quality;

import io.flead.model.FeatureStats;
import io.flead.model.MaxZRule;
import io.flead.model.Standardizer;
import io.flead.model.forest.ForestAggregator;
import io.flead.model.forest.ForestFeatures;
import io.flead.model.forest.ForestModel;
import io.flead.model.forest.ForestScorer;
import io.flead.model.forest.ForestSettings;
import io.flead.model.forest.ForestUpdate;
import io.flead.model.forest.LocalForestTrainer;
import io.flead.model.forest.TreeGrower;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The arms of the forest section, each trained without labels and scored against the held-back labels: the
 * federated forest (rounds in which every device sends an update to the {@link ForestAggregator}, in a seeded
 * order), the centralised forest (the same trees grown on all training rows pooled, as many as the global ensemble
 * keeps, threshold from its scores of those rows), per-device local forests (each device's own ensemble of that
 * size and its own threshold) and the max-|z| fallback on statistics pooled over all training rows.
 */
final class ForestArms {
    private final ForestSettings settings;
    private final int rounds;
    private final long seed;

    ForestArms(ForestSettings settings, int rounds, long seed) {
        this.settings = settings;
        this.rounds = rounds;
        this.seed = seed;
    }

    /** A device's rows in the forest's feature space, row-major. */
    static double[] forestRows(DeviceRows dev) {
        double[] out = new double[dev.n() * dev.d()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ForestFeatures.of(dev.x()[i]);
        }
        return out;
    }

    /** The federated forest after {@code rounds} rounds over {@code train}. */
    ForestModel federated(List<DeviceRows> train, List<String> featureNames) {
        LocalForestTrainer trainer = new LocalForestTrainer(settings);
        ForestAggregator aggregator = new ForestAggregator(settings, featureNames);
        ForestAggregator.State state = aggregator.empty();
        ForestModel model = null;
        List<double[]> rows = train.parallelStream().map(ForestArms::forestRows).toList();
        for (int r = 0; r < rounds; r++) {
            int round = r;
            ForestScorer base = model == null ? null : model.scorer();
            List<ForestUpdate> updates = IntStream.range(0, train.size()).parallel().mapToObj(k -> {
                DeviceRows dev = train.get(k);
                LocalForestTrainer.LocalForest local = trainer.train(rows.get(k), dev.n(), dev.d(),
                    seed * 1_000_003L + round * 10_007L + k, base);
                return trainer.update(dev.deviceId() + "-r" + round, dev.deviceId(), round, round, featureNames,
                    local);
            }).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            Collections.shuffle(updates, new java.util.Random(seed + round));
            for (ForestUpdate u : updates) {
                state = aggregator.add(state, u);
            }
            ForestAggregator.Published published = aggregator.finish(state, round);
            state = published.state();
            model = published.model().orElse(model);
        }
        return model;
    }

    /** The centralised forest: the global ensemble's number of trees grown on all training rows pooled. */
    Centralised centralised(List<DeviceRows> train) {
        int d = train.get(0).d();
        int n = train.stream().mapToInt(DeviceRows::n).sum();
        double[] all = new double[n * d];
        int offset = 0;
        for (DeviceRows dev : train) {
            double[] rows = forestRows(dev);
            System.arraycopy(rows, 0, all, offset, rows.length);
            offset += rows.length;
        }
        TreeGrower grower = new TreeGrower(settings.subsample());
        SplittableRandom random = new SplittableRandom(seed);
        List<io.flead.model.forest.IsolationTree> trees = new ArrayList<>();
        for (int t = 0; t < settings.maxTrees(); t++) {
            trees.add(grower.grow(all, n, d, random));
        }
        ForestScorer scorer = ForestScorer.unweighted(trees, settings.subsample());
        long[] sketch = scorer.sketch(all, n, d);
        return new Centralised(scorer, io.flead.model.forest.ScoreSketch.upperQuantile(sketch,
            settings.contamination()));
    }

    record Centralised(ForestScorer scorer, double threshold) {
    }

    /** Scores {@code rows} with one scorer and one threshold. */
    static ForestScores score(ForestScorer scorer, double threshold, List<DeviceRows> rows) {
        int n = rows.stream().mapToInt(DeviceRows::n).sum();
        double[] scores = new double[n];
        byte[] labels = new byte[n];
        int k = 0;
        for (DeviceRows dev : rows) {
            double[] x = forestRows(dev);
            for (int i = 0; i < dev.n(); i++, k++) {
                scores[k] = scorer.score(x, i * dev.d());
                labels[k] = dev.y()[i];
            }
        }
        return ForestScores.of(scores, labels, threshold);
    }

    /** Each device's own forest (the global ensemble's size) scores its own held-out rows, at its own threshold. */
    ForestScores local(List<DeviceRows> train, List<DeviceRows> holdout) {
        LocalForestTrainer trainer = new LocalForestTrainer(settings.withTreesPerUpdate(
            Math.min(64, settings.maxTrees())));
        List<ForestScores> perDevice = IntStream.range(0, train.size()).parallel().mapToObj(k -> {
            DeviceRows dev = train.get(k);
            LocalForestTrainer.LocalForest local = trainer.train(forestRows(dev), dev.n(), dev.d(), seed * 7_919L + k);
            double threshold = io.flead.model.forest.ScoreSketch.upperQuantile(local.scoreSketch(),
                settings.contamination());
            return score(local.scorer(settings.subsample()), threshold, List.of(holdout.get(k)));
        }).toList();
        return concat(perDevice);
    }

    /** The max-|z| rule on statistics pooled over {@code train}: score max |z| over plain features, flag above 2.5. */
    static ForestScores maxZ(List<DeviceRows> train, List<DeviceRows> rows, List<String> featureNames) {
        int d = featureNames.size();
        FeatureStats stats = new FeatureStats(d);
        double[] row = new double[d];
        for (DeviceRows dev : train) {
            for (int i = 0; i < dev.n(); i++) {
                dev.copyRow(i, row);
                stats.add(row);
            }
        }
        Standardizer standardizer = Standardizer.of(stats);
        boolean[] plain = MaxZRule.plainFeatures(featureNames);
        int n = rows.stream().mapToInt(DeviceRows::n).sum();
        double[] scores = new double[n];
        byte[] labels = new byte[n];
        int k = 0;
        for (DeviceRows dev : rows) {
            for (int i = 0; i < dev.n(); i++, k++) {
                dev.copyRow(i, row);
                scores[k] = MaxZRule.maxAbsZ(standardizer, row, 0, plain);
                labels[k] = dev.y()[i];
            }
        }
        return ForestScores.of(scores, labels, MaxZRule.THRESHOLD);
    }

    static ForestScores concat(List<ForestScores> parts) {
        int n = parts.stream().mapToInt(p -> p.scores().length).sum();
        double[] scores = new double[n];
        byte[] labels = new byte[n];
        double[] thresholds = new double[n];
        int k = 0;
        for (ForestScores p : parts) {
            System.arraycopy(p.scores(), 0, scores, k, p.scores().length);
            System.arraycopy(p.labels(), 0, labels, k, p.labels().length);
            System.arraycopy(p.thresholds(), 0, thresholds, k, p.thresholds().length);
            k += p.scores().length;
        }
        return new ForestScores(scores, labels, thresholds);
    }
}
