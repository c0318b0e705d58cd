package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.FeatureReference;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftProbeTest {
    private static final DriftReference REFERENCE = new DriftReference(4, List.of(
        FeatureReference.normal("a", 10_000, 0.0, 1.0), FeatureReference.normal("b", 10_000, 5.0, 2.0),
        FeatureReference.normal("flat", 10_000, 1.0, 0.0)));

    @Test
    void aWindowFromTheReferenceDistributionPassesAndAShiftedFeatureAlerts() {
        Random random = new Random(7);
        double[][] rows = new double[500][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {random.nextGaussian(), 5.0 + 2.0 * random.nextGaussian() + 3.0, 1.0};
        }
        List<DriftProbe.FeatureVerdict> verdicts = DriftProbe.check(REFERENCE, DriftSettings.DEFAULTS, rows);

        assertThat(verdicts).extracting(DriftProbe.FeatureVerdict::feature).containsExactly("a", "b", "flat");
        assertThat(verdicts.get(0).verdict()).isEqualTo("ok");
        assertThat(verdicts.get(0).psi().statistic()).isLessThan(DriftSettings.DEFAULTS.psiWarn());
        assertThat(verdicts.get(1).verdict()).isEqualTo("alert");
        assertThat(verdicts.get(1).meanShift().statistic()).isGreaterThan(verdicts.get(1).meanShift().threshold());
        assertThat(verdicts.get(1).psi().statistic()).isGreaterThanOrEqualTo(DriftSettings.DEFAULTS.psiAlert());
        assertThat(verdicts.get(2).verdict()).isEqualTo("not_tested");
        assertThat(verdicts).allMatch(v -> v.n() == 500);
    }

    @Test
    void missingValuesAreNotCountedAndTooFewRowsAreNotTested() {
        double[][] rows = {{0.1, Double.NaN, 1}, {-0.2, Double.NaN, 1}};
        List<DriftProbe.FeatureVerdict> verdicts = DriftProbe.check(REFERENCE, DriftSettings.DEFAULTS, rows);
        assertThat(verdicts.get(0).n()).isEqualTo(2);
        assertThat(verdicts.get(1).n()).isZero();
        assertThat(verdicts.get(1).verdict()).isEqualTo("not_tested");
        assertThat(verdicts.get(0).psi().verdict()).isEqualTo("not_tested");
    }
}
