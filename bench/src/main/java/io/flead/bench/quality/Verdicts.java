package io.flead.bench.quality;

import io.flead.model.Eval;

/** How a model did on held-out rows: summed confusion counts and the ROC-AUC of its scores. */
public record Verdicts(Eval eval, double auc) {
    public double f1() {
        return eval.f1();
    }
}
