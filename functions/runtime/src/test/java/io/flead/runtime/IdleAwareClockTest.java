package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleAwareClockTest {

  @Test
  void followsStreamTimeWhileRecordsFlowAndTheWallClockWhenTheyStop() {
    IdleAwareClock clock = new IdleAwareClock();
    assertThat(clock.now(5_000)).isEqualTo(Long.MIN_VALUE);

    clock.observe(1_000, 50_000);
    assertThat(clock.now(50_000)).isEqualTo(1_000);
    assertThat(clock.now(53_000)).isEqualTo(4_000);

    clock.observe(1_500, 53_000);
    assertThat(clock.now(53_000)).isEqualTo(1_500);
  }

  @Test
  void neverMovesBackWhenStreamTimeDoesNotAdvance() {
    IdleAwareClock clock = new IdleAwareClock();
    clock.observe(1_000, 50_000);
    clock.observe(900, 52_000);
    assertThat(clock.now(52_000)).isEqualTo(3_000);
  }
}
