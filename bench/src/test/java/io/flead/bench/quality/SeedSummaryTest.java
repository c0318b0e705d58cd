package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedSummaryTest {
    private static List<QualityPrinter.Metric> seed(double f1, double gap) {
        return List.of(new QualityPrinter.Metric("quality.f1.federated", f1, "f1"),
            new QualityPrinter.Metric("quality.f1_gap_pp", gap, "pp"));
    }

    @Test
    void meanAndStudentTHalfWidthPerMetric() {
        SeedSummary summary = new SeedSummary();
        for (double f1 : new double[] {0.80, 0.82, 0.84, 0.86, 0.88}) {
            summary.add(seed(f1, 1.0));
        }
        SeedSummary.Interval f1 = summary.intervals().get(0);
        assertThat(f1.name()).isEqualTo("quality.f1.federated");
        assertThat(f1.n()).isEqualTo(5);
        assertThat(f1.mean()).isCloseTo(0.84, within(1e-12));
        // sd = sqrt(0.001) = 0.031623; t(0.975, 4) = 2.776; half-width = 2.776 * 0.031623 / sqrt(5)
        assertThat(f1.halfWidth()).isCloseTo(0.039259, within(1e-5));
        SeedSummary.Interval gap = summary.intervals().get(1);
        assertThat(gap.mean()).isEqualTo(1.0);
        assertThat(gap.halfWidth()).isEqualTo(0.0);
    }

    @Test
    void oneSeedHasNoIntervalAndUnmeasuredSeedsAreLeftOut() {
        SeedSummary summary = new SeedSummary();
        summary.add(seed(0.9, Double.NaN));
        summary.add(seed(Double.NaN, Double.NaN));
        assertThat(summary.intervals().get(0).n()).isEqualTo(1);
        assertThat(summary.intervals().get(0).mean()).isEqualTo(0.9);
        assertThat(summary.intervals().get(0).halfWidth()).isNaN();
        assertThat(summary.intervals().get(1).n()).isZero();
        assertThat(summary.intervals().get(1).mean()).isNaN();
    }
}
