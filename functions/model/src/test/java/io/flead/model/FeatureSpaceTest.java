package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSpaceTest {

    @Test
    void mapsFeaturesInOrderAndMarksMissingOnes() {
        FeatureSpace space = new FeatureSpace(List.of("a", "b", "c"));
        double[] out = new double[3];
        int missing = space.fill(Map.of("c", 3.0, "a", 1.0, "zzz", 9.0), out, 0);
        assertThat(missing).isEqualTo(1);
        assertThat(out[0]).isEqualTo(1.0);
        assertThat(out[1]).isNaN();
        assertThat(out[2]).isEqualTo(3.0);
        assertThat(space.indexOf("zzz")).isEqualTo(-1);
    }

    @Test
    void missingValuesStandardiseToTheMeanAndExtremesAreCompressed() {
        FeatureStats stats = FeatureStats.of(new double[][] {{0, 1}, {2, 1}}, 2);
        Standardizer standardizer = Standardizer.of(stats);
        double[] z = new double[2];
        standardizer.apply(new double[] {Double.NaN, 5}, 0, z, 0);
        assertThat(z).containsExactly(0.0, 0.0);
        standardizer.apply(new double[] {1e9 + 1, 1}, 0, z, 0);
        assertThat(z[0]).isCloseTo(Math.log1p(1e9), org.assertj.core.api.Assertions.within(1e-9));
        standardizer.apply(new double[] {1 - 2.5, 1}, 0, z, 0);
        assertThat(z[0]).isCloseTo(-Math.log1p(2.5), org.assertj.core.api.Assertions.within(1e-12));
        standardizer.applyRawZ(new double[] {1 - 2.5, 1}, 0, z, 0);
        assertThat(z[0]).isCloseTo(-2.5, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void derivesIndicatorsFromTheirColumns() {
        FeatureSpace space = new FeatureSpace(List.of("tcp.flags", "tcp.flags=2", "tcp.dstport=1..1023", "mqtt.msgtype=3"));
        double[] out = new double[4];
        int missing = space.fill(Map.of("tcp.flags", 2.0, "tcp.dstport", 4444.0), out, 0);
        assertThat(out).containsExactly(2.0, 1.0, 0.0, 0.0);
        assertThat(missing).isEqualTo(1);
        assertThat(space.column(3).column()).isEqualTo("mqtt.msgtype");
    }

    @Test
    void theModelSpaceAddsIndicatorsOfCategoricalColumnsToTheNumericOnes() {
        FeatureSpace space = EdgeIiotFeatures.modelSpace();
        assertThat(EdgeIiotFeatures.MODEL).startsWith(EdgeIiotFeatures.NUMERIC.toArray(String[]::new));
        assertThat(space.dimension()).isEqualTo(EdgeIiotFeatures.NUMERIC.size() + 52);
        List<String> numericColumns = new java.util.ArrayList<>(EdgeIiotFeatures.NUMERIC);
        numericColumns.add("tcp.srcport");
        for (int j = 0; j < space.dimension(); j++) {
            assertThat(numericColumns).contains(space.column(j).column());
        }
    }

    @Test
    void refusesDuplicateNames() {
        assertThatThrownBy(() -> new FeatureSpace(List.of("a", "a"))).hasMessageContaining("'a'");
    }
}
