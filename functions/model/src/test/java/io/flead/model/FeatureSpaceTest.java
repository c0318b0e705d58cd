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
    void refusesDuplicateNames() {
        assertThatThrownBy(() -> new FeatureSpace(List.of("a", "a"))).hasMessageContaining("'a'");
    }
}
