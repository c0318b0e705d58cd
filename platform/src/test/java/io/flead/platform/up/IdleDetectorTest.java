package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleDetectorTest {

    private static PipelineSnapshot at(long ms, long rows, long anomalies) {
        return new PipelineSnapshot(ms, rows, 100, 0, 5, null, Map.of(), anomalies, 0, 0);
    }

    @Test
    void settlesOnlyAfterTheQuietPeriodOnceEveryRowIsReplayed() {
        IdleDetector idle = new IdleDetector(5_000);
        assertThat(idle.settled(at(0, 100, 10))).isFalse();
        assertThat(idle.settled(at(4_000, 100, 10))).isFalse();
        assertThat(idle.settled(at(5_000, 100, 10))).isTrue();
    }

    @Test
    void anyNewOutputRestartsTheQuietPeriod() {
        IdleDetector idle = new IdleDetector(5_000);
        idle.settled(at(0, 100, 10));
        assertThat(idle.settled(at(4_000, 100, 11))).isFalse();
        assertThat(idle.settled(at(8_000, 100, 11))).isFalse();
        assertThat(idle.settled(at(9_000, 100, 11))).isTrue();
    }

    @Test
    void neverSettlesBeforeTheReplayIsDone() {
        IdleDetector idle = new IdleDetector(1_000);
        idle.settled(at(0, 50, 0));
        assertThat(idle.settled(at(60_000, 50, 0))).isFalse();
    }

    @Test
    void aRejectionWithoutANewVersionRestartsTheQuietPeriod() {
        IdleDetector idle = new IdleDetector(5_000);
        idle.settled(at(0, 100, 10));
        PipelineSnapshot rejected = new PipelineSnapshot(4_000, 100, 100, 0, 5, null, Map.of("stale", 1L), 10, 0, 0);
        assertThat(idle.settled(rejected)).isFalse();
        assertThat(idle.settled(new PipelineSnapshot(8_000, 100, 100, 0, 5, null, Map.of("stale", 1L), 10, 0, 0)))
            .isFalse();
        assertThat(idle.settled(new PipelineSnapshot(9_000, 100, 100, 0, 5, null, Map.of("stale", 1L), 10, 0, 0)))
            .isTrue();
    }
}
