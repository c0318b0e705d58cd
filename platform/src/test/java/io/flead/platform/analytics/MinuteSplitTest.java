package io.flead.platform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MinuteSplitTest {
    private static Instant t(String text) {
        return Instant.parse("2021-11-10T" + text + "Z");
    }

    @Test
    void wholeMinutesLieStrictlyInsideTheRangeAndTheEdgesAreLeftToTheRows() {
        assertThat(MinuteSplit.of(t("00:00:30"), t("00:05:10"))).contains(
            new MinuteSplit(t("00:00:30"), t("00:01:00"), t("00:05:00"), t("00:05:10")));
    }

    @Test
    void aRangeStartingOnAMinuteExcludesThatMinuteWhoseFirstInstantIsOutsideTheRange() {
        // (00:01:00, 00:04:00]: the row at 00:01:00 is not in the range, so the minute 00:01 is counted from rows
        assertThat(MinuteSplit.of(t("00:01:00"), t("00:04:00"))).contains(
            new MinuteSplit(t("00:01:00"), t("00:02:00"), t("00:04:00"), t("00:04:00")));
    }

    @Test
    void aRangeWithoutAWholeMinuteHasNoSplit() {
        assertThat(MinuteSplit.of(t("00:00:30"), t("00:01:59.999"))).isEmpty();
        assertThat(MinuteSplit.of(t("00:01:00"), t("00:02:00"))).isEmpty();
        assertThat(MinuteSplit.of(t("00:00:00"), t("00:00:59"))).isEmpty();
    }

    @Test
    void aRangeEndingOnAMinuteBoundaryHoldsTheMinuteBeforeIt() {
        assertThat(MinuteSplit.of(t("00:00:30"), t("00:02:00"))).contains(
            new MinuteSplit(t("00:00:30"), t("00:01:00"), t("00:02:00"), t("00:02:00")));
    }

    @Test
    void beforeTheEpochMinutesStillFloorDownwards() {
        Instant from = Instant.parse("1969-12-31T23:58:30Z");
        assertThat(MinuteSplit.of(from, Instant.parse("1970-01-01T00:00:30Z"))).contains(new MinuteSplit(from,
            Instant.parse("1969-12-31T23:59:00Z"), Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1970-01-01T00:00:30Z")));
    }
}
