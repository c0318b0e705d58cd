package io.flead.driftcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    @Test
    void detectsAStepFromZeroToOneAtTheHandComputedRow() {
        PageHinkley ph = new PageHinkley();
        int detectedAt = -1;
        double statistic = 0;
        for (int t = 1; t <= 200 && detectedAt < 0; t++) {
            statistic = ph.update(t <= 100 ? 0.0 : 1.0, 0.0);
            if (statistic > 5.0) {
                detectedAt = t;
            }
        }
        // after the step the statistic grows by 100/(100+k) per row: 5 is first exceeded at k = 6
        assertThat(detectedAt).isEqualTo(106);
        assertThat(statistic).isCloseTo(5.798681, within(1e-6));
    }

    @Test
    void stationaryStreamStaysBelowThresholdWithTolerance() {
        PageHinkley ph = new PageHinkley();
        double max = 0;
        for (int t = 0; t < 10_000; t++) {
            max = Math.max(max, ph.update(t % 20 == 0 ? 1.0 : 0.0, 0.01));
        }
        assertThat(max).isLessThan(2.0);
        assertThat(ph.mean()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void resetStartsOver() {
        PageHinkley ph = new PageHinkley();
        ph.update(1.0, 0.0);
        ph.update(0.0, 0.0);
        ph.reset();
        assertThat(ph.count()).isZero();
        assertThat(ph.statistic()).isZero();
    }
}
