package io.flead.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatusTest {
    static final String STATUS = "Name:\tjava\nVmPeak:\t 9876543 kB\nVmHWM:\t 1234567 kB\nVmRSS:\t  765432 kB\nThreads:\t88\n";

    @Test
    void readsThePeakAndTheCurrentResidentSetOfAStatusFile() {
        assertThat(ProcStatus.kilobytes(STATUS, "VmHWM")).isEqualTo(1_234_567);
        assertThat(ProcStatus.kilobytes(STATUS, "VmRSS")).isEqualTo(765_432);
    }

    @Test
    void readsTheProportionalSetOfASmapsRollup() {
        String rollup = "55d0-7ffe ---p 00000000 00:00 0 [rollup]\nRss:  20480 kB\nPss:   9000 kB\nPss_Anon:  100 kB\n";
        assertThat(ProcStatus.kilobytes(rollup, "Pss")).isEqualTo(9000);
    }

    @Test
    void namesAMissingOrMalformedField() {
        assertThatThrownBy(() -> ProcStatus.kilobytes(STATUS, "VmSwap")).hasMessageContaining("'VmSwap'");
        assertThatThrownBy(() -> ProcStatus.kilobytes(STATUS, "Threads")).hasMessageContaining("'88'");
    }

    @Test
    void readsTheParentPidAfterACommandNameWithSpacesAndParentheses() {
        assertThat(ProcStatus.parentPid("4242 (postgres: wal (x)) S 4100 4242 4242 0 -1")).isEqualTo(4100);
    }

    @Test
    void readsThePostmasterPidFromTheFirstLine() {
        assertThat(ProcStatus.postmasterPid("31337\n/tmp/pg/data\n1700000000\n15432\n")).isEqualTo(31337);
        assertThatThrownBy(() -> ProcStatus.postmasterPid("\n")).hasMessageContaining("expected a PID");
    }
}
