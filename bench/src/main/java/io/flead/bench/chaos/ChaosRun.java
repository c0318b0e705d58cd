package io.flead.bench.chaos;

import io.flead.bench.e2e.GroupLag;
import io.flead.embedded.FileTrees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * One run of the suite: a fresh process stack replaying a fleet, the run's faults injected one after the other at
 * their moments, each followed by a wait for rows to land again; then, once the replay is complete and every group
 * has caught up, the check of the data.
 */
final class ChaosRun {
    private static final Duration SAMPLE = Duration.ofMillis(200);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FUNCTION_SETTLE = Duration.ofSeconds(1);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    /** A pipeline whose counts did not move for this long while it is not caught up is not going to catch up. */
    private static final Duration STALLED = Duration.ofSeconds(45);

    /** How a run goes: the fleet, the replay rate, its faults, where it works, and a line printer. */
    record Settings(int devices, int rows, int rate, long seed, Path work, boolean keep,
                    Consumer<String> log) {
    }

    private ChaosRun() {
    }

    static RunOutcome run(Settings settings, List<FaultPlan.Fault> faults) throws Exception {
        FileTrees.delete(settings.work());
        List<Double> recoveries = new ArrayList<>();
        try (ProcessStack stack = ProcessStack.start(settings.work(), settings.devices(), settings.rows(),
                 settings.rate(), settings.seed());
             PipelineProgress progress = new PipelineProgress(stack)) {
            long replayStart = System.nanoTime();
            long versionBefore = 0;
            for (FaultPlan.Fault fault : faults) {
                long wait = replayStart + fault.at().toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
                versionBefore = PipelineCheck.latestVersion(stack);
                double recovery = inject(stack, progress, fault.kind());
                settings.log().accept(String.format(Locale.ROOT, "%s at %.1f s: %s", fault.kind().label(),
                    (System.nanoTime() - replayStart) / 1e9, recovery < 0 ? "rows did not land again within "
                        + RECOVERY_TIMEOUT.toSeconds() + " s" : String.format(Locale.ROOT,
                        "rows landing again after %.1f s", recovery)));
                recoveries.add(recovery);
            }
            awaitCaughtUp(stack, progress, settings.log());
            return PipelineCheck.check(stack, faults.size(), versionBefore, recoveries, settings.log());
        } finally {
            if (!settings.keep()) {
                FileTrees.delete(settings.work());
            }
        }
    }

    /**
     * Injects a fault and returns the seconds from the kill (for an outage or a hang: from its end) until the rows
     * the hit process carries land again; -1 when they did not within {@link #RECOVERY_TIMEOUT}.
     */
    static double inject(ProcessStack stack, PipelineProgress progress, FaultKind kind) throws Exception {
        String component = kind.component();
        long from;
        switch (kind.action()) {
            case KILL -> {
                from = System.nanoTime();
                stack.kill(component);
                stack.restart(component);
            }
            case STOP -> {
                long stopped = System.nanoTime();
                stack.stop(component);
                Thread.sleep(kind.pause().toMillis());
                from = kind.pause().isZero() ? stopped : System.nanoTime();
                stack.restart(component);
            }
            case HANG -> {
                stack.signalTree(component, true);
                Thread.sleep(kind.pause().toMillis());
                from = System.nanoTime();
                stack.signalTree(component, false);
            }
            default -> throw new IllegalStateException("Unknown action " + kind.action());
        }
        if (kind.hitsFunction()) {
            // the killed app's last transaction may still be completing on the broker, and its offsets appear a
            // moment after the kill: the baseline is read once they have, long before a new JVM could commit
            Thread.sleep(Math.max(0, FUNCTION_SETTLE.toMillis() - (System.nanoTime() - from) / 1_000_000));
        }
        return awaitLanding(from, probes(stack, progress, kind));
    }

    /** What grows again once the hit process is back: its group's offsets, or the topic and the table it feeds. */
    private static List<LongSupplier> probes(ProcessStack stack, PipelineProgress progress, FaultKind kind) {
        if (kind.hitsFunction()) {
            String group = ProcessStack.FUNCTIONS.get(kind.component()).group();
            return List.of(() -> progress.groupOffsets(group));
        }
        LongSupplier table = () -> progress.tableRows("telemetry");
        return kind.component().equals("postgres") ? List.of(table) : List.of(progress::committedTelemetry, table);
    }

    private static double awaitLanding(long from, List<LongSupplier> probes) throws InterruptedException {
        long[] baseline = new long[probes.size()];
        for (int i = 0; i < probes.size(); i++) {
            baseline[i] = firstReading(probes.get(i));
        }
        boolean[] moved = new boolean[probes.size()];
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = 0; i < probes.size(); i++) {
                moved[i] = moved[i] || probes.get(i).getAsLong() > baseline[i];
                all &= moved[i];
            }
            if (all) {
                return (System.nanoTime() - from) / 1e9;
            }
            Thread.sleep(SAMPLE.toMillis());
        }
        return -1;
    }

    private static long firstReading(LongSupplier probe) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        long value = probe.getAsLong();
        while (value < 0 && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE.toMillis());
            value = probe.getAsLong();
        }
        return value;
    }

    /**
     * Waits until the replay is complete ({@code telemetry} holds every row) and no group (the functions', the sinks')
     * lags, or until the counts stop moving for {@link #STALLED}, and the check will say what is missing.
     */
    private static void awaitCaughtUp(ProcessStack stack, PipelineProgress progress,
                                      Consumer<String> log) throws Exception {
        long expected = stack.generated().trainingRows();
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        long lastChange = System.nanoTime();
        String last = "";
        try (Admin admin = stack.admin(); GroupLag lag = new GroupLag(admin, stack.bootstrap())) {
            while (System.nanoTime() < deadline) {
                long rows = progress.tableRows("telemetry");
                long behind = 0;
                for (String group : stack.groups()) {
                    behind += lag.lag(group);
                }
                String now = rows + "/" + behind + "/" + progress.tableRows("anomalies") + "/"
                    + progress.tableRows("local_models") + "/" + progress.committedTelemetry();
                if (rows >= expected && behind == 0 && now.equals(last)) {
                    return;
                }
                if (!now.equals(last)) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > STALLED.toNanos()) {
                    log.accept("pipeline stalled at " + rows + " of " + expected + " telemetry rows, " + behind
                        + " records behind");
                    return;
                }
                Thread.sleep(2000);
            }
            log.accept("pipeline not caught up within " + CATCH_UP_TIMEOUT.toMinutes() + " min");
        }
    }
}
