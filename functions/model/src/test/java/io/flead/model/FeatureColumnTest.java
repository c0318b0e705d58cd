package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureColumnTest {

    @Test
    void aPlainNameIsTheColumnItselfWithMissingAsNaN() {
        FeatureColumn c = FeatureColumn.parse("tcp.len");
        assertThat(c.column()).isEqualTo("tcp.len");
        assertThat(c.indicator()).isFalse();
        assertThat(c.valueOf(12.0)).isEqualTo(12.0);
        assertThat(c.valueOf((Double) null)).isNaN();
    }

    @Test
    void anEqualityIndicatorIsOneOnlyForThatValue() {
        FeatureColumn syn = FeatureColumn.parse("tcp.flags=2");
        assertThat(syn.column()).isEqualTo("tcp.flags");
        assertThat(syn.valueOf(2.0)).isEqualTo(1.0);
        assertThat(syn.valueOf(18.0)).isEqualTo(0.0);
        assertThat(syn.valueOf((Double) null)).isEqualTo(0.0);
        assertThat(syn.valueOf(Double.NaN)).isEqualTo(0.0);
    }

    @Test
    void aRangeIndicatorIncludesBothEnds() {
        FeatureColumn wellKnown = FeatureColumn.parse("tcp.dstport=1..1023");
        assertThat(wellKnown.valueOf(0.0)).isEqualTo(0.0);
        assertThat(wellKnown.valueOf(1.0)).isEqualTo(1.0);
        assertThat(wellKnown.valueOf(1023.0)).isEqualTo(1.0);
        assertThat(wellKnown.valueOf(1024.0)).isEqualTo(0.0);
    }

    @Test
    void aBadValueNamesTheFeatureAndQuotesTheValue() {
        assertThatThrownBy(() -> FeatureColumn.parse("tcp.flags=syn"))
            .hasMessageContaining("'tcp.flags=syn'").hasMessageContaining("'syn'");
        assertThatThrownBy(() -> FeatureColumn.parse("tcp.dstport=9..1"))
            .hasMessageContaining("'tcp.dstport=9..1'");
        assertThatThrownBy(() -> FeatureColumn.parse("=3")).hasMessageContaining("'=3'");
    }
}
