package io.flead.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    @Test
    void gapsAreThePartitionsBehindTheirEnd() {
        Map<String, Long> gaps = ConsumerLag.gaps(Map.of("t-0", 100L, "t-1", 50L, "u-0", 7L),
            Map.of("t-0", 100L, "t-1", 20L));
        assertThat(gaps).containsExactly(Map.entry("t-1", 30L));
        assertThat(ConsumerLag.total(gaps)).isEqualTo(30);
    }

    @Test
    void aGroupAtTheEndOfEveryPartitionHasNoLag() {
        assertThat(ConsumerLag.total(ConsumerLag.gaps(Map.of("t-0", 9L), Map.of("t-0", 9L)))).isZero();
    }

    @Test
    void namesACommittedPartitionWithoutAnEndOffset() {
        assertThatThrownBy(() -> ConsumerLag.gaps(Map.of(), Map.of("t-3", 1L))).hasMessageContaining("t-3");
    }
}
