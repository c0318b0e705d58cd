package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void backoffDoublesFromTheFirstPauseUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.FOREVER, 1_000, 30_000);
        assertThat(LongStream.rangeClosed(1, 8).map(policy::backoffMs).toArray())
                .containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000);
    }

    @Test
    void foreverNeverGivesUpAndItsPauseStaysBoundedHoweverLongTheOutage() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.FOREVER, 1_000, 30_000);
        for (long failures : new long[] {1, 10, 11, 1_000, 62, 63, 64, 100_000, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            assertThat(policy.retries(failures)).as("retries after %d failures", failures).isTrue();
            assertThat(policy.backoffMs(failures)).as("pause after %d failures", failures).isBetween(1_000L, 30_000L);
        }
        assertThat(policy.backoffMs(Long.MAX_VALUE)).isEqualTo(30_000);
    }

    @Test
    void aFiniteMaximumGivesUpAfterThatManyRetries() {
        RetryPolicy policy = new RetryPolicy(3, 500, 30_000);
        assertThat(LongStream.rangeClosed(1, 5).mapToObj(policy::retries)).containsExactly(true, true, true, false, false);
        assertThat(new RetryPolicy(0, 500, 30_000).retries(1)).isFalse();
    }

    @Test
    void noPauseStaysNoPauseAndAMaximumBelowTheFirstPauseWins() {
        assertThat(new RetryPolicy(RetryPolicy.FOREVER, 0, 30_000).backoffMs(40)).isZero();
        assertThat(new RetryPolicy(RetryPolicy.FOREVER, 5_000, 2_000).backoffMs(1)).isEqualTo(2_000);
        assertThat(new RetryPolicy(RetryPolicy.FOREVER, 7, Long.MAX_VALUE).backoffMs(61)).isEqualTo(Long.MAX_VALUE);
        assertThat(new RetryPolicy(RetryPolicy.FOREVER, 7, Long.MAX_VALUE).backoffMs(3)).isEqualTo(28);
    }

    @Test
    void negativeSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(-2, 1_000, 30_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
    }

    @Test
    void aWriteIsStalledOnlyAfterTheTimeoutWithoutProgress() {
        WriteProgress progress = new WriteProgress(0);
        assertThat(progress.stalled(999_999_999L, 1_000)).isFalse();
        assertThat(progress.stalled(1_000_000_000L, 1_000)).isTrue();
        progress.touch(900_000_000L);
        assertThat(progress.stalled(1_000_000_000L, 1_000)).isFalse();
        assertThat(progress.stalled(1_900_000_000L, 1_000)).isTrue();
    }
}
