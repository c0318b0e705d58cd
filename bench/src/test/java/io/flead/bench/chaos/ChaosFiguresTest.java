package io.flead.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosFiguresTest {

    @Test
    void figuresSumWhatWentWrongOverRunsAndKeepTheSlowestRecovery() {
        RunOutcome clean = new RunOutcome(2, 0, 0, 0, 0, 0, 3, List.of(4.5, 9.25));
        RunOutcome bad = new RunOutcome(1, 12, 5, 1, 2, 1, 0, List.of(-1.0));
        ChaosFigures f = ChaosFigures.of(List.of(clean, bad));
        assertThat(f).isEqualTo(new ChaosFigures(2, 3, 12, 5, 1, 2, 1, 1, 1, 9.25));
        assertThat(clean.clean()).isTrue();
        assertThat(bad.clean()).isFalse();
    }

    @Test
    void aRunWithoutANewVersionOrARecoveryIsNotClean() {
        assertThat(new RunOutcome(1, 0, 0, 0, 0, 0, 0, List.of(3.0)).clean()).isFalse();
        assertThat(new RunOutcome(1, 0, 0, 0, 0, 0, 2, List.of(-1.0)).clean()).isFalse();
    }

    @Test
    void lostRowsAreTheExpectedOnesNeverSeenAndDuplicatesTheRepeats() {
        assertThat(RunOutcome.lost(1000, 990)).isEqualTo(10);
        assertThat(RunOutcome.lost(1000, 1000)).isZero();
        assertThat(RunOutcome.duplicates(1007, 1000)).isEqualTo(7);
    }

    @Test
    void optionsDefaultToTenRunsOfFiftyDevicesAt5000RowsPerSecond() {
        ChaosOptions o = ChaosOptions.parse(new String[0]);
        assertThat(o).isEqualTo(new ChaosOptions(10, 42, 50, 1000, 5000, 1, List.of(FaultKind.values()), false));
        assertThat(o.replay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ChaosOptions.parse(new String[] {"--kinds", "connect-kill, postgres-hang", "--runs", "2"}).kinds())
            .containsExactly(FaultKind.CONNECT_KILL, FaultKind.POSTGRES_HANG);
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--kinds", "disk-full"}))
            .hasMessageStartingWith("Invalid value 'disk-full' for --kinds: one of [connect-kill, ");
    }
}
