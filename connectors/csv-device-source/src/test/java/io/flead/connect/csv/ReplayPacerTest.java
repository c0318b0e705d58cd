package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayPacerTest {

    @Test
    void maxNeverWaits() {
        ReplayPacer pacer = new ReplayPacer(ReplayPacer.Mode.MAX, 0, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.delayMs(5, i * 1000L)).isZero();
            pacer.emitted(5, i * 1000L);
        }
    }

    @Test
    void rateSpacesRecordsByTheInverseRate() {
        ReplayPacer pacer = new ReplayPacer(ReplayPacer.Mode.RATE, 200, 1);
        assertThat(pacer.delayMs(10_000, 0)).isZero();
        pacer.emitted(10_000, 0);
        assertThat(pacer.delayMs(10_000, 0)).isEqualTo(5);
        assertThat(pacer.delayMs(10_003, 0)).isEqualTo(2);
        pacer.emitted(10_005, 0);
        // 200 records/s: the 100th record (index 99... emitted count 100) is due 500 ms after the start
        for (int i = 2; i < 100; i++) {
            pacer.emitted(10_000 + i * 5L, 0);
        }
        assertThat(pacer.delayMs(10_000, 0)).isEqualTo(500);
        assertThat(pacer.delayMs(10_600, 0)).isZero();
    }

    @Test
    void rateStopsCatchingUpAfterALongStall() {
        ReplayPacer pacer = new ReplayPacer(ReplayPacer.Mode.RATE, 10, 1);
        pacer.emitted(0, 0);
        pacer.emitted(5_000, 0);
        // without the reset the next 48 records would be due at once
        assertThat(pacer.delayMs(5_000, 0)).isEqualTo(100);
    }

    @Test
    void eventTimeKeepsTheOriginalSpacingDividedBySpeedup() {
        ReplayPacer pacer = new ReplayPacer(ReplayPacer.Mode.EVENT_TIME, 0, 4);
        pacer.emitted(1_000, 50_000);
        assertThat(pacer.delayMs(1_000, 54_000)).isEqualTo(1_000);
        assertThat(pacer.delayMs(1_500, 54_000)).isEqualTo(500);
        assertThat(pacer.delayMs(1_000, 49_000)).isZero();
        assertThat(pacer.delayMs(3_000, 58_000)).isZero();
    }

    @Test
    void modesAreNamedAsInTheConfig() {
        assertThat(ReplayPacer.Mode.fromConfig("event-time")).isEqualTo(ReplayPacer.Mode.EVENT_TIME);
        assertThat(ReplayPacer.Mode.fromConfig("rate")).isEqualTo(ReplayPacer.Mode.RATE);
        assertThat(ReplayPacer.Mode.fromConfig("max")).isEqualTo(ReplayPacer.Mode.MAX);
    }
}
