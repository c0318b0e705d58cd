package io.flead.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short chaos suite: one replay on the stack as separate processes, exactly-once on, and a SIGKILL of the
 * Connect worker, of a function (local-train, the head of the federated loop) and of PostgreSQL, one after the
 * other, each followed by a restart. The data must show every source row exactly once on the topic and in the
 * table, no anomaly or local update twice, no failed task, and the loop still publishing versions.
 */
class ChaosSuiteIT {

    @Test
    void killedWorkerFunctionAndDatabaseLoseAndRepeatNothing(@TempDir Path dir) throws Exception {
        List<String> log = new ArrayList<>();
        // 30 devices x 2,000 rows at 1,000 rows/s: a 60 s replay, so that each fault hits while rows still arrive
        ChaosRun.Settings settings = new ChaosRun.Settings(30, 2000, 1000, 42, dir.resolve("run"), false, log::add);
        List<FaultPlan.Fault> faults = List.of(
            new FaultPlan.Fault(FaultKind.CONNECT_KILL, Duration.ofSeconds(5)),
            new FaultPlan.Fault(FaultKind.LOCAL_TRAIN_KILL, Duration.ofSeconds(15)),
            new FaultPlan.Fault(FaultKind.POSTGRES_KILL, Duration.ofSeconds(25)));

        RunOutcome outcome = ChaosRun.run(settings, faults);

        assertThat(outcome.lostRows()).as("source rows missing from the topic or the table; %s", log).isZero();
        assertThat(outcome.duplicateRows()).as("source rows twice on the topic or in the table").isZero();
        assertThat(outcome.duplicateAnomalies()).as("anomalies twice in their table").isZero();
        assertThat(outcome.duplicateUpdates()).as("local updates twice in their table").isZero();
        assertThat(outcome.failedTasks()).as("connectors or tasks FAILED").isZero();
        assertThat(outcome.versionsAfterFaults()).as("global versions with accepted updates after the last kill")
            .isPositive();
        assertThat(outcome.recoveriesS()).as("rows landing again after each kill; %s", log).hasSize(3)
            .allSatisfy(s -> assertThat(s).isNotNegative());
        assertThat(Files.exists(dir.resolve("run"))).as("the run's directory is removed").isFalse();
    }
}
