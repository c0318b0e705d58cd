package io.flead.bench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopPlanTest {

    @Test
    void defaultsAreThreeRunsAt5000OneAt1000OneAtMaximumSpeedAndOneUnderContention() {
        LoopPlan plan = LoopPlan.parse(new String[0]);
        assertThat(plan.runs()).containsExactly(new LoopPlan.Run(5000, false), new LoopPlan.Run(5000, false),
            new LoopPlan.Run(5000, false), new LoopPlan.Run(1000, false), new LoopPlan.Run(0, false),
            new LoopPlan.Run(5000, true));
        assertThat(plan.upArgs()).isEmpty();
        assertThat(plan.timeout()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void runsAndRatePickOneShapeAndFleadUpOptionsPassThrough() {
        LoopPlan plan = LoopPlan.parse(new String[] {"--runs", "2", "--rate", "0", "--contention", "--devices", "50",
            "--rows", "400"});
        assertThat(plan.runs()).containsExactly(new LoopPlan.Run(0, true), new LoopPlan.Run(0, true));
        assertThat(plan.upArgs()).containsExactly("--devices", "50", "--rows", "400");
        assertThat(LoopPlan.parse(new String[] {"--runs", "1"}).runs()).containsExactly(new LoopPlan.Run(5000, false));
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> LoopPlan.parse(new String[] {"--runs", "0"}))
            .hasMessage("Invalid value '0' for --runs: must be an integer from 1 to 100");
        assertThatThrownBy(() -> LoopPlan.parse(new String[] {"--speed", "3"})).hasMessageContaining("'--speed'");
    }

    @Test
    void theChildIsFleadUpHeadlessExitingWhenDoneOnTheBenchBroker() {
        List<String> cmd = LoopRun.command(Path.of("/repo"), Path.of("/w"), "localhost:1234",
            new LoopPlan.Run(1000, false), List.of("--devices", "50"));
        assertThat(String.join(" ", cmd)).contains("-cp /repo/platform/target/classes:/repo/platform/target/lib/* "
            + "io.flead.platform.FleadCli up --work-dir /w/up --external-kafka localhost:1234 --connect-port 0 "
            + "--pg-port 0 --api-port 0 --headless --exit-when-done --replay-rate 1000 --devices 50");
    }
}
