package io.flead.model.forest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.EdgeIiotFeatures;
import io.flead.model.JsonCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * At the default settings an update is at most 64 KB and a global model at most 1 MB as JSON, even on continuous
 * rows over the model's whole feature space (every split distinct, so trees grow as wide as their depth allows).
 */
class ForestSizeTest {
    static final List<String> NAMES = EdgeIiotFeatures.MODEL;
    static final ForestSettings SETTINGS = ForestSettings.defaults();

    @Test
    void anUpdateAtTheDefaultsFitsIn64KB() {
        ForestUpdate u = update("device_0", 1);
        assertThat(u.trees()).hasSize(SETTINGS.treesPerUpdate());
        int bytes = JsonCodec.encode(u).length;
        System.out.printf("forest update: %d trees, %d nodes, %d bytes%n", u.trees().size(),
            u.trees().stream().mapToInt(IsolationTree::nodes).sum(), bytes);
        assertThat(bytes).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void aFullGlobalModelAtTheDefaultsFitsIn1MB() {
        ForestAggregator aggregator = new ForestAggregator(SETTINGS, NAMES);
        ForestAggregator.State s = aggregator.empty();
        int devices = SETTINGS.maxTrees() / SETTINGS.treesPerUpdate() + 2;
        for (int k = 0; k < devices; k++) {
            s = aggregator.add(s, update("device_" + k, k));
        }
        ForestModel model = aggregator.finish(s, 0).model().orElseThrow();
        assertThat(model.trees()).hasSize(SETTINGS.maxTrees());
        int bytes = JsonCodec.encode(model).length;
        System.out.printf("forest model: %d trees, %d bytes%n", model.trees().size(), bytes);
        assertThat(bytes).isLessThanOrEqualTo(1024 * 1024);
    }

    static ForestUpdate update(String device, long seed) {
        LocalForestTrainer trainer = new LocalForestTrainer(SETTINGS);
        int n = 1000;
        double[] rows = IsolationTreeTest.gaussianRows(n, NAMES.size(), seed);
        return trainer.update(device + "-0", device, 0, 0, NAMES, trainer.train(rows, n, NAMES.size(), seed));
    }
}
