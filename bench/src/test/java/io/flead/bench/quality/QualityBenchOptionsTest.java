package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QualityBenchOptionsTest {
    @Test
    void theTableRunsOnItsOwnSeedsAndFleetSize() {
        QualityBench.Options defaults = QualityBench.Options.parse(new String[0]);
        assertThat(defaults.tableSeeds).isEqualTo(NonIidTable.DEFAULT_SEEDS).isGreaterThan(defaults.seeds);
        assertThat(defaults.tableDevices).isEqualTo(NonIidTable.Scale.DEFAULT.devices());

        QualityBench.Options set = QualityBench.Options.parse(new String[] {"--table-seeds", "3", "--table-devices", "40",
            "--seeds", "0"});
        assertThat(set.tableSeeds).isEqualTo(3);
        assertThat(set.tableDevices).isEqualTo(40);
        assertThat(set.seeds).isZero();
        assertThat(QualityBench.Options.parse(new String[] {"--table-seeds", "0"}).tableSeeds).isZero();
    }

    @Test
    void aBadTableSeedCountNamesTheFlagAndTheValue() {
        assertThatThrownBy(() -> QualityBench.Options.parse(new String[] {"--table-seeds", "-2"}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--table-seeds").hasMessageContaining("-2");
        assertThatThrownBy(() -> QualityBench.Options.parse(new String[] {"--table-devices", "0"}))
            .hasMessageContaining("--table-devices");
    }

    @Test
    void theOnOffFlagsTakeOnAndOff() {
        QualityBench.Options off = QualityBench.Options.parse(new String[] {"--tune", "off", "--table", "off",
            "--forest", "off"});
        assertThat(off.tune.on()).isFalse();
        assertThat(off.table.on()).isFalse();
        assertThat(off.forest.on.on()).isFalse();
        assertThat(QualityBench.Options.parse(new String[] {"--tune", "on"}).tune.on()).isTrue();
        assertThatThrownBy(() -> QualityBench.Options.parse(new String[] {"--tune", "maybe"}))
            .hasMessageContaining("--tune").hasMessageContaining("maybe");
    }
}
