package io.flead.bench.chaos;

import io.flead.bench.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./flead bench chaos}: the fault suite. Each run starts the stack as separate processes
 * ({@link ProcessStack}), replays a fleet with exactly-once on, and injects its faults from a seeded plan
 * ({@link FaultPlan}): SIGKILL and restart of the Connect worker and of each function, SIGKILL and restart of
 * PostgreSQL, a 30 s PostgreSQL outage, a 20 s PostgreSQL hang, a broker restart. Once the replay is complete and
 * the pipeline caught up, the data is checked ({@link PipelineCheck}) and the figures printed as metric lines.
 */
public final class ChaosBench {
    private ChaosBench() {
    }

    public static void main(String[] args) throws Exception {
        ChaosOptions options = ChaosOptions.parse(args);
        List<List<FaultPlan.Fault>> plan = FaultPlan.plan(options.seed(), options.kinds(), options.runs(),
            options.faultsPerRun(), options.replay());
        System.out.printf(Locale.ROOT, "# chaos: %d run(s) of %d devices x %d rows at %,d rows/s (%d s of replay), "
                + "seed %d, %d fault(s) per run; %d cores; PostgreSQL runs with fsync off%n", options.runs(),
            options.devices(), options.rows(), options.rate(), options.replay().toSeconds(), options.seed(),
            options.faultsPerRun(), Runtime.getRuntime().availableProcessors());
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            List<FaultPlan.Fault> faults = plan.get(i);
            System.out.printf(Locale.ROOT, "# run %d of %d: %s%n", i + 1, plan.size(), describe(faults));
            ChaosRun.Settings settings = new ChaosRun.Settings(options.devices(), options.rows(), options.rate(),
                options.seed() + i, ChaosOptions.WORK.resolve("run" + (i + 1)).toAbsolutePath(), options.keep(),
                line -> System.out.println("#   " + line));
            RunOutcome outcome = ChaosRun.run(settings, faults);
            System.out.printf(Locale.ROOT, "#   run %d: %d lost, %d duplicate rows, %d duplicate anomalies, %d duplicate "
                    + "updates, %d failed tasks, %d versions with accepted updates after the fault%n", i + 1,
                outcome.lostRows(), outcome.duplicateRows(), outcome.duplicateAnomalies(), outcome.duplicateUpdates(),
                outcome.failedTasks(), outcome.versionsAfterFaults());
            outcomes.add(outcome);
        }
        print(ChaosFigures.of(outcomes));
    }

    private static String describe(List<FaultPlan.Fault> faults) {
        return String.join(", ", faults.stream().map(f -> String.format(Locale.ROOT, "%s at %.1f s",
            f.kind().label(), f.at().toMillis() / 1000.0)).toList());
    }

    static void print(ChaosFigures f) {
        Metrics.print("chaos.runs", f.runs(), "runs");
        Metrics.print("chaos.kills", f.kills(), "faults");
        Metrics.print("chaos.lost_rows", f.lostRows(), "rows");
        Metrics.print("chaos.duplicate_rows", f.duplicateRows(), "rows");
        Metrics.print("chaos.duplicate_anomalies", f.duplicateAnomalies(), "rows");
        Metrics.print("chaos.duplicate_updates", f.duplicateUpdates(), "updates");
        Metrics.print("chaos.failed_tasks", f.failedTasks(), "tasks");
        Metrics.print("chaos.stalled_loops", f.stalledLoops(), "runs");
        Metrics.print("chaos.unrecovered", f.unrecovered(), "faults");
        Metrics.print("chaos.max_recovery_s", Math.round(f.maxRecoveryS() * 10) / 10.0, "s");
    }
}
