package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferenceHistogramTest {

    @Test
    void binsCoverTailsAndFixedEdges() {
        assertThat(ReferenceHistogram.BINS).isEqualTo(18);
        assertThat(ReferenceHistogram.binOf(-100)).isZero();
        assertThat(ReferenceHistogram.binOf(-4.0)).isEqualTo(1);
        assertThat(ReferenceHistogram.binOf(-0.01)).isEqualTo(8);
        assertThat(ReferenceHistogram.binOf(0.0)).isEqualTo(9);
        assertThat(ReferenceHistogram.binOf(3.99)).isEqualTo(16);
        assertThat(ReferenceHistogram.binOf(4.0)).isEqualTo(17);
    }

    @Test
    void mergeOfSplitsEqualsOneHistogramOfAllRows() {
        FeatureStats reference = FeatureStats.of(new double[][] {{0, 5}, {2, 5}, {4, 5}}, 2);
        ReferenceHistogram all = ReferenceHistogram.relativeTo(3, reference);
        ReferenceHistogram left = ReferenceHistogram.relativeTo(3, reference);
        ReferenceHistogram right = ReferenceHistogram.relativeTo(3, reference);
        double[][] rows = {{-10, 5}, {1, 6}, {2, Double.NaN}, {3.5, 5}, {40, 1}};
        for (int i = 0; i < rows.length; i++) {
            all.add(rows[i]);
            (i % 2 == 0 ? left : right).add(rows[i]);
        }
        assertThat(left.merge(right)).isEqualTo(all);
        assertThat(all.total(0)).isEqualTo(5);
        assertThat(all.total(1)).isEqualTo(4);
        assertThat(all.count(1, ReferenceHistogram.binOf(0.0))).as("constant feature maps to z = 0").isEqualTo(4);
    }

    @Test
    void refusesToMergeDifferentReferences() {
        FeatureStats reference = FeatureStats.of(new double[][] {{0}, {2}}, 1);
        assertThatThrownBy(() -> ReferenceHistogram.relativeTo(1, reference)
            .merge(ReferenceHistogram.relativeTo(2, reference)))
            .hasMessageContaining("versions 1 and 2");
    }
}
