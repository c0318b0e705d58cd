package io.flead.model.forest;

/**
 * The forest kind's settings, each checked with a message naming its key: rows per tree ({@code forest.subsample},
 * 256), trees a device sends per update ({@code forest.trees.per.update}, 8), trees the global ensemble keeps
 * ({@code forest.max.trees}, 160) and the share of rows the threshold calls anomalous
 * ({@code forest.contamination}, 0.05). Labels never enter: the contamination is a prior the operator sets.
 */
public record ForestSettings(int subsample, int treesPerUpdate, int maxTrees, double contamination) {
    public static final String SUBSAMPLE = "forest.subsample";
    public static final String TREES_PER_UPDATE = "forest.trees.per.update";
    public static final String MAX_TREES = "forest.max.trees";
    public static final String CONTAMINATION = "forest.contamination";

    public ForestSettings {
        check(subsample >= 2 && subsample <= 4096, SUBSAMPLE, subsample, "must be an integer in [2, 4096]");
        check(treesPerUpdate >= 1 && treesPerUpdate <= 64, TREES_PER_UPDATE, treesPerUpdate,
            "must be an integer in [1, 64]");
        check(maxTrees >= treesPerUpdate && maxTrees <= 1024, MAX_TREES, maxTrees,
            "must be an integer in [" + TREES_PER_UPDATE + ", 1024]");
        check(contamination > 0 && contamination < 0.5, CONTAMINATION, contamination, "must be in (0, 0.5)");
    }

    public static ForestSettings defaults() {
        return new ForestSettings(256, 8, 160, 0.05);
    }

    public ForestSettings withSubsample(int v) {
        return new ForestSettings(v, treesPerUpdate, maxTrees, contamination);
    }

    public ForestSettings withTreesPerUpdate(int v) {
        return new ForestSettings(subsample, v, maxTrees, contamination);
    }

    public ForestSettings withMaxTrees(int v) {
        return new ForestSettings(subsample, treesPerUpdate, v, contamination);
    }

    public ForestSettings withContamination(double v) {
        return new ForestSettings(subsample, treesPerUpdate, maxTrees, v);
    }

    /** The depth limit of trees grown on {@code subsample} rows: ceil(log2 subsample). */
    public static int maxDepth(int subsample) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, subsample - 1));
    }

    public int maxDepth() {
        return maxDepth(subsample);
    }

    private static void check(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for configuration '" + key + "': " + rule);
        }
    }
}
