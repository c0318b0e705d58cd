package io.flead.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Confusion counts of a model on labelled data, optionally with histograms of the model's margins for
 * positives and negatives ({@link ScoreHistogram} edges). Counts are summed, never averaged; precision,
 * recall and F1 are derived from the sums (0 when undefined).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Eval(
    @JsonProperty(value = "tp", required = true) long tp,
    @JsonProperty(value = "fp", required = true) long fp,
    @JsonProperty(value = "tn", required = true) long tn,
    @JsonProperty(value = "fn", required = true) long fn,
    @JsonProperty("score_hist_pos") long[] scoreHistPos,
    @JsonProperty("score_hist_neg") long[] scoreHistNeg) {

    public static final Eval EMPTY = new Eval(0, 0, 0, 0, null, null);

    public Eval {
        requireHistogram(scoreHistPos, "eval.score_hist_pos");
        requireHistogram(scoreHistNeg, "eval.score_hist_neg");
    }

    public static Eval counts(long tp, long fp, long tn, long fn) {
        return new Eval(tp, fp, tn, fn, null, null);
    }

    /** The sum of two evaluations (histograms summed bin by bin; a missing histogram counts as empty). */
    public Eval plus(Eval other) {
        return new Eval(tp + other.tp, fp + other.fp, tn + other.tn, fn + other.fn,
            sum(scoreHistPos, other.scoreHistPos), sum(scoreHistNeg, other.scoreHistNeg));
    }

    public long total() {
        return tp + fp + tn + fn;
    }

    @JsonProperty("precision")
    public double precision() {
        return tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    }

    @JsonProperty("recall")
    public double recall() {
        return tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    }

    @JsonProperty("f1")
    public double f1() {
        return 2.0 * tp + fp + fn == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static long[] sum(long[] a, long[] b) {
        if (a == null) {
            return b == null ? null : b.clone();
        }
        long[] s = a.clone();
        if (b != null) {
            for (int i = 0; i < s.length; i++) {
                s[i] += b[i];
            }
        }
        return s;
    }

    private static void requireHistogram(long[] h, String field) {
        if (h != null && h.length != ScoreHistogram.BINS) {
            throw new IllegalArgumentException("field '" + field + "' must have " + ScoreHistogram.BINS
                + " bins, got " + h.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Eval e && tp == e.tp && fp == e.fp && tn == e.tn && fn == e.fn
            && Arrays.equals(scoreHistPos, e.scoreHistPos) && Arrays.equals(scoreHistNeg, e.scoreHistNeg);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tp) * 31 + Long.hashCode(fp) * 17 + Long.hashCode(tn) * 7 + Long.hashCode(fn);
    }

    @Override
    public String toString() {
        return "Eval{tp=" + tp + ", fp=" + fp + ", tn=" + tn + ", fn=" + fn + "}";
    }
}
