package io.flead.model.forest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.JsonCodec;
import io.flead.model.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForestAggregatorTest {
    static final List<String> NAMES = List.of("a", "b", "c", "d");
    static final ForestSettings SETTINGS = ForestSettings.defaults().withSubsample(64).withTreesPerUpdate(4)
        .withMaxTrees(12);

    final ForestAggregator aggregator = new ForestAggregator(SETTINGS, NAMES);
    final LocalForestTrainer trainer = new LocalForestTrainer(SETTINGS);

    ForestUpdate update(String device, int round, long seed) {
        double[] rows = IsolationTreeTest.gaussianRows(300, NAMES.size(), seed);
        return trainer.update(device + "-" + round, device, round, round, NAMES, trainer.train(rows, 300, 4, seed));
    }

    @Test
    void keepsAtMostTheConfiguredTreesRetiringTheOldestFirst() {
        ForestAggregator.State s = aggregator.empty();
        for (int k = 0; k < 5; k++) {
            s = aggregator.add(s, update("device_" + k, 0, k));
        }
        // 5 updates x 4 trees = 20 > 12: device_0 and device_1 are retired whole
        assertThat(s.trees()).isEqualTo(12);
        assertThat(s.live()).extracting(ForestAggregator.Contribution::deviceId)
            .containsExactly("device_2", "device_3", "device_4");
        ForestModel model = aggregator.finish(s, 99).model().orElseThrow();
        assertThat(model.trees()).hasSize(12);
        assertThat(model.version()).isEqualTo(1);
        assertThat(model.participants()).isEqualTo(5);
        assertThat(model.nSamples()).isEqualTo(900);
    }

    @Test
    void retiresPartOfAContributionWhenOnlyPartMustGo() {
        ForestAggregator.State s = aggregator.empty();
        s = aggregator.add(s, update("device_0", 0, 1));
        s = aggregator.add(s, update("device_1", 0, 2));
        ForestUpdate small = update("device_2", 0, 3);
        ForestUpdate six = new ForestUpdate(small.kind(), small.updateId(), small.deviceId(), 0, 0, 300, NAMES, 64,
            small.trees().subList(0, 2), small.scoreSketch());
        s = aggregator.add(s, six);
        ForestUpdate last = update("device_3", 0, 4);
        s = aggregator.add(s, last);
        // 4 + 4 + 2 + 4 = 14: the two oldest trees of device_0 go
        assertThat(s.trees()).isEqualTo(12);
        assertThat(s.live().get(0).trees()).hasSize(2);
        assertThat(s.live().get(0).deviceId()).isEqualTo("device_0");
    }

    @Test
    void aDevicesNewUpdateReplacesItsEarlierTrees() {
        ForestAggregator.State s = aggregator.empty();
        s = aggregator.add(s, update("device_0", 0, 1));
        s = aggregator.add(s, update("device_1", 0, 2));
        ForestUpdate again = update("device_0", 1, 3);
        s = aggregator.add(s, again);
        assertThat(s.trees()).isEqualTo(8);
        assertThat(s.live()).extracting(ForestAggregator.Contribution::deviceId).containsExactly("device_1", "device_0");
        assertThat(s.live().get(1).trees()).isEqualTo(again.trees());
    }

    @Test
    void treesAreWeightedByTheSamplesBehindThem() {
        ForestAggregator.State s = aggregator.empty();
        ForestUpdate u = update("device_0", 0, 1);
        s = aggregator.add(s, new ForestUpdate(u.kind(), u.updateId(), u.deviceId(), 0, 0, 400, NAMES, 64, u.trees(),
            u.scoreSketch()));
        u = update("device_1", 0, 2);
        s = aggregator.add(s, new ForestUpdate(u.kind(), u.updateId(), u.deviceId(), 0, 0, 40, NAMES, 64, u.trees(),
            u.scoreSketch()));
        ForestModel model = aggregator.finish(s, 0).model().orElseThrow();
        assertThat(model.treeWeights()).containsExactly(100, 100, 100, 100, 10, 10, 10, 10);
    }

    @Test
    void theThresholdCallsTheContaminationShareOfThePooledScoresAnomalous() {
        ForestAggregator.State s = aggregator.empty();
        long[] sketch = ScoreSketch.empty();
        for (int i = 0; i < 1000; i++) {
            ScoreSketch.add(sketch, 0.3 + 0.4 * i / 1000.0);
        }
        ForestUpdate u = update("device_0", 0, 1);
        s = aggregator.add(s, new ForestUpdate(u.kind(), u.updateId(), u.deviceId(), 0, 0, 1000, NAMES, 64,
            u.trees(), sketch));
        ForestModel model = aggregator.finish(s, 0).model().orElseThrow();
        assertThat(model.threshold()).isBetween(0.675, 0.685); // 95th percentile of U(0.3, 0.7) is 0.68
        assertThat(model.contamination()).isEqualTo(0.05);
    }

    @Test
    void refusalsNameWhatIsWrongAndArePublishedWithTheNextVersion() {
        ForestUpdate good = update("device_0", 0, 1);
        IsolationTree bad = new IsolationTree(new int[] {2, -1, -1}, new float[] {Float.NaN, 3, 4});
        IsolationTree unknownFeature = new IsolationTree(new int[] {7, -1, -1}, new float[] {0.5f, 3, 4});
        IsolationTree deep = chain(SETTINGS.maxDepth() + 1);
        List<IsolationTree> tooMany = new ArrayList<>(good.trees());
        tooMany.add(good.trees().get(0));
        long[] wrongBins = Arrays.copyOf(good.scoreSketch(), 10);

        ForestAggregator.State s = aggregator.empty();
        s = aggregator.add(s, good);
        s = aggregator.add(s, good);
        s = aggregator.add(s, with("nan", good.trees().subList(0, 1), List.of(bad), good));
        s = aggregator.add(s, with("feature", List.of(unknownFeature), List.of(), good));
        s = aggregator.add(s, with("deep", List.of(deep), List.of(), good));
        s = aggregator.add(s, with("many", tooMany, List.of(), good));
        s = aggregator.add(s, new ForestUpdate("logistic", "kind", "device_9", 0, 0, 10, NAMES, 64, good.trees(),
            good.scoreSketch()));
        s = aggregator.add(s, new ForestUpdate("forest", "names", "device_9", 0, 0, 10, List.of("a", "b"), 64,
            good.trees(), good.scoreSketch()));
        s = aggregator.add(s, new ForestUpdate("forest", "bins", "device_9", 0, 0, 10, NAMES, 64, good.trees(),
            wrongBins));
        s = aggregator.add(s, new ForestUpdate("forest", "samples", "device_9", 0, 0, 0, NAMES, 64, good.trees(),
            good.scoreSketch()));
        ForestModel model = aggregator.finish(s, 0).model().orElseThrow();

        assertThat(model.trees()).isEqualTo(good.trees());
        assertThat(model.rejected()).extracting(Rejection::updateId)
            .containsExactly(good.updateId(), "nan", "feature", "deep", "many", "kind", "names", "bins", "samples");
        assertThat(model.rejected()).extracting(Rejection::reason).containsExactly(
            "duplicate: update_id 'device_0-0' was already aggregated",
            "tree: trees[1].value[0]: split value NaN is not finite",
            "tree: trees[0].feature[0]: feature index 7 is not one of the 4 features",
            "tree: trees[0]: depth 7 exceeds 6",
            "trees: field 'trees' holds 5 trees, must be 1 to 4",
            "kind: field 'kind' is 'logistic', expected 'forest'",
            "features: field 'feature_names' has 2 names that differ from the model's 4",
            "sketch: field 'score_sketch' has 10 bins, expected 200",
            "samples: field 'n_samples' is 0, must be positive");
        assertThat(aggregator.finish(aggregator.finish(s, 0).state(), 1).model().orElseThrow().rejected()).isEmpty();
    }

    @Test
    void publishesNothingBeforeAnyUpdateIsAccepted() {
        assertThat(aggregator.finish(aggregator.empty(), 0).model()).isEmpty();
    }

    @Test
    void anUpdateAndAModelSurviveAJsonRoundTrip() {
        ForestUpdate u = update("device_0", 0, 1);
        ForestUpdate back = JsonCodec.decode(JsonCodec.encode(u), ForestUpdate.class);
        assertThat(back.trees()).isEqualTo(u.trees());
        assertThat(back.scoreSketch()).isEqualTo(u.scoreSketch());
        assertThat(back.updateId()).isEqualTo(u.updateId());
        ForestModel model = aggregator.finish(aggregator.add(aggregator.empty(), u), 5).model().orElseThrow();
        ForestModel decoded = JsonCodec.decode(JsonCodec.encode(model), ForestModel.class);
        double[] row = {0.3, -2, 1, 4};
        assertThat(decoded.scorer().score(row, 0)).isEqualTo(model.scorer().score(row, 0));
        assertThat(decoded.threshold()).isEqualTo(model.threshold());
        assertThat(decoded.kind()).isEqualTo("forest");
    }

    static ForestUpdate with(String id, List<IsolationTree> trees, List<IsolationTree> extra, ForestUpdate base) {
        List<IsolationTree> all = new ArrayList<>(trees);
        all.addAll(extra);
        return new ForestUpdate("forest", id, "device_9", 0, 0, 10, NAMES, 64, all, base.scoreSketch());
    }

    /** A tree whose left spine is {@code depth} splits long. */
    static IsolationTree chain(int depth) {
        int[] f = new int[2 * depth + 1];
        float[] v = new float[2 * depth + 1];
        for (int i = 0; i < depth; i++) {
            f[i] = 0;
            v[i] = 1 - i * 0.01f;
        }
        for (int i = depth; i < f.length; i++) {
            f[i] = IsolationTree.LEAF;
            v[i] = 1;
        }
        return new IsolationTree(f, v);
    }
}
