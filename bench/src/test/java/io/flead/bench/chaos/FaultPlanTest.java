package io.flead.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private static final List<FaultKind> ALL = List.of(FaultKind.values());
    private static final Duration REPLAY = Duration.ofSeconds(10);

    @Test
    void everyKindComesOnceBeforeAnyKindComesAgain() {
        List<List<FaultPlan.Fault>> plan = FaultPlan.plan(42, ALL, 10, 1, REPLAY);
        List<FaultKind> firstNine = plan.subList(0, 9).stream().map(run -> run.get(0).kind()).toList();
        assertThat(firstNine).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(plan).hasSize(10).allSatisfy(run -> assertThat(run).hasSize(1));
    }

    @Test
    void theOrderIsShuffledAndTheSameSeedGivesTheSamePlan() {
        List<FaultKind> order = FaultPlan.plan(7, ALL, 9, 1, REPLAY).stream().map(run -> run.get(0).kind()).toList();
        assertThat(order).isNotEqualTo(ALL);
        assertThat(FaultPlan.plan(7, ALL, 9, 1, REPLAY)).isEqualTo(FaultPlan.plan(7, ALL, 9, 1, REPLAY));
        assertThat(FaultPlan.plan(8, ALL, 9, 1, REPLAY)).isNotEqualTo(FaultPlan.plan(7, ALL, 9, 1, REPLAY));
    }

    @Test
    void faultsHitWhileRowsAreStillArrivingInTheOrderOfTheirMoments() {
        List<List<FaultPlan.Fault>> plan = FaultPlan.plan(3, ALL, 20, 3, REPLAY);
        for (List<FaultPlan.Fault> run : plan) {
            assertThat(run).extracting(FaultPlan.Fault::at)
                .allSatisfy(at -> assertThat(at).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(6)))
                .isSorted();
        }
        Map<FaultKind, Long> counts = plan.stream().flatMap(List::stream)
            .collect(Collectors.groupingBy(FaultPlan.Fault::kind, Collectors.counting()));
        // 60 faults over 9 kinds, dealt in shuffled rounds of every kind: each 6 or 7 times
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(6L, 7L));
    }

    @Test
    void aPlanOfChosenKindsHoldsOnlyThose() {
        List<FaultKind> chosen = List.of(FaultKind.CONNECT_KILL, FaultKind.POSTGRES_KILL);
        assertThat(FaultPlan.plan(1, chosen, 1, 2, REPLAY).get(0)).extracting(FaultPlan.Fault::kind)
            .containsExactlyInAnyOrderElementsOf(chosen);
    }

    @Test
    void anEmptyPlanIsRefused() {
        assertThatThrownBy(() -> FaultPlan.plan(1, List.of(), 1, 1, REPLAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlan.plan(1, ALL, 0, 1, REPLAY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindsNameTheirProcessAndWhatHappensToIt() {
        Map<String, FaultKind> byLabel = java.util.Arrays.stream(FaultKind.values())
            .collect(Collectors.toMap(FaultKind::label, Function.identity()));
        assertThat(byLabel.keySet()).containsExactlyInAnyOrder("connect-kill", "local-train-kill", "fedavg-kill",
            "score-kill", "drift-check-kill", "postgres-kill", "postgres-outage", "postgres-hang", "broker-restart");
        assertThat(byLabel.get("postgres-outage").pause()).isEqualTo(Duration.ofSeconds(30));
        assertThat(byLabel.get("postgres-hang").action()).isEqualTo(FaultKind.Action.HANG);
        assertThat(byLabel.get("postgres-hang").pause()).isEqualTo(Duration.ofSeconds(20));
        assertThat(byLabel.get("fedavg-kill").hitsFunction()).isTrue();
        assertThat(byLabel.get("connect-kill").hitsFunction()).isFalse();
        assertThat(ProcessStack.FUNCTIONS.keySet()).containsExactlyInAnyOrder(
            java.util.Arrays.stream(FaultKind.values()).filter(FaultKind::hitsFunction).map(FaultKind::component)
                .toArray(String[]::new));
    }
}
