package io.flead.model;

/**
 * Fixed edges over the logistic margin (log-odds) used to summarise scores of positives and negatives,
 * so that summed histograms from many devices can choose a decision threshold exactly.
 *
 * <p>{@value #BINS} bins: an open tail below margin -8, 64 bins of width 0.25 over [-8, 8), and an open
 * tail at margin &ge; 8. Bin b (1..64) covers [{@code lowerEdge(b)}, {@code lowerEdge(b)+0.25}).
 */
public final class ScoreHistogram {
    public static final double MARGIN_MIN = -8.0;
    public static final double MARGIN_MAX = 8.0;
    public static final double BIN_WIDTH = 0.25;
    public static final int BINS = (int) Math.round((MARGIN_MAX - MARGIN_MIN) / BIN_WIDTH) + 2;

    private ScoreHistogram() {
    }

    /** The bin of a margin (log-odds). */
    public static int binOf(double margin) {
        if (!(margin >= MARGIN_MIN)) {
            return 0;
        }
        if (margin >= MARGIN_MAX) {
            return BINS - 1;
        }
        return 1 + Math.min(BINS - 3, (int) ((margin - MARGIN_MIN) / BIN_WIDTH));
    }

    /** The lower edge (as a margin) of bin {@code b}; bin 0 has no lower edge (negative infinity). */
    public static double lowerEdge(int b) {
        return b == 0 ? Double.NEGATIVE_INFINITY : MARGIN_MIN + (b - 1) * BIN_WIDTH;
    }
}
