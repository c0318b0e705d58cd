package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdSelectorTest {

    @Test
    void choosesTheEdgeBetweenSeparatedClasses() {
        EvalCounter counter = new EvalCounter(0.5);
        for (int i = 0; i < 100; i++) {
            counter.add(-3.1, 0);
            counter.add(1.9, 1);
        }
        Eval eval = counter.toEval();
        double threshold = ThresholdSelector.maximiseF1(eval.scoreHistPos(), eval.scoreHistNeg(), 0.5);
        double margin = Math.log(threshold / (1 - threshold));
        assertThat(margin).isGreaterThan(-3.1).isLessThanOrEqualTo(1.9);
        assertThat(margin).isCloseTo(-0.5, within(0.2));
    }

    @Test
    void movesTheThresholdDownWhenPositivesScoreLow() {
        EvalCounter counter = new EvalCounter(0.5);
        for (int i = 0; i < 100; i++) {
            counter.add(-6.0, 0);
            counter.add(-2.0, 1);
        }
        Eval eval = counter.toEval();
        assertThat(eval.tp()).isZero();
        double threshold = ThresholdSelector.maximiseF1(eval.scoreHistPos(), eval.scoreHistNeg(), 0.5);
        assertThat(threshold).isLessThan(LogisticRegression.sigmoid(-2.0) + 1e-12)
            .isGreaterThan(LogisticRegression.sigmoid(-6.0));
    }

    @Test
    void keepsTheFallbackWithoutBothClasses() {
        EvalCounter counter = new EvalCounter(0.5);
        counter.add(1.0, 1);
        Eval eval = counter.toEval();
        assertThat(ThresholdSelector.maximiseF1(eval.scoreHistPos(), eval.scoreHistNeg(), 0.42)).isEqualTo(0.42);
        assertThat(ThresholdSelector.maximiseF1(null, null, 0.42)).isEqualTo(0.42);
    }

    @Test
    void evalDerivesPrecisionRecallF1FromSums() {
        Eval sum = Eval.counts(8, 2, 5, 0).plus(Eval.counts(0, 0, 5, 8));
        assertThat(sum.precision()).isCloseTo(0.8, within(1e-12));
        assertThat(sum.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(sum.f1()).isCloseTo(2 * 0.8 * 0.5 / 1.3, within(1e-12));
        assertThat(Eval.EMPTY.f1()).isZero();
    }
}
