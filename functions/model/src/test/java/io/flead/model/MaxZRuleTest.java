package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaxZRuleTest {
    private static final List<String> NAMES = List.of("tcp.len", "tcp.flags=2", "mqtt.msgtype=3", "udp.port=0..1023");

    @Test
    void indicatorsAreLeftOutOfThePlainFeatures() {
        assertThat(MaxZRule.plainFeatures(NAMES)).containsExactly(true, false, false, false);
    }

    @Test
    void aRareCategoryFlagDoesNotMakeARowAnomalousButAnOutlyingQuantityDoes() {
        boolean[] plain = MaxZRule.plainFeatures(NAMES);
        // a flag set on 2% of rows has z = sqrt(0.98 / 0.02) = 7 whenever it is set
        double[] rareFlag = {0.4, 7.0, 0.0, -0.1};
        double[] longPacket = {3.1, -0.1, 0.0, -0.1};
        assertThat(MaxZRule.maxAbsZ(rareFlag, 0, plain)).isEqualTo(0.4);
        assertThat(MaxZRule.anomalous(MaxZRule.maxAbsZ(rareFlag, 0, plain))).isFalse();
        assertThat(MaxZRule.anomalous(MaxZRule.maxAbsZ(longPacket, 0, plain))).isTrue();
    }

    @Test
    void rawRowsAreStandardisedBeforeTheRule() {
        FeatureStats stats = FeatureStats.of(new double[][] {{10, 0, 1, 0}, {20, 1, 0, 1}, {30, 0, 0, 1}, {20, 0, 1, 1}}, 4);
        Standardizer s = Standardizer.of(stats);
        boolean[] plain = MaxZRule.plainFeatures(NAMES);
        double[] rows = {100, 1, 1, 1};
        assertThat(MaxZRule.maxAbsZ(s, rows, 0, plain)).isCloseTo(Math.abs(s.z(0, 100)), org.assertj.core.data.Offset.offset(1e-12));
    }
}
