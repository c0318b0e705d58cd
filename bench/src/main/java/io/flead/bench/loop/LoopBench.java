package io.flead.bench.loop;

import io.flead.bench.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./flead bench loop}: the default {@code flead up} shape end to end (200 demo devices x 1,000 rows, the four
 * functions, Connect and PostgreSQL), each run in a fresh work directory, and how the federated loop fared: the F1 of
 * the newest evaluated version, versions without an accepted update, the staleness accepted, the share of the replay
 * done before a version evaluated at F1 >= 0.8, the shares of clean and of drifting demo devices with alert-severity
 * drift, and per run the versions, accepted and rejected updates by reason.
 *
 * <p>Options: {@code --runs N --rate R [--contention]} for N runs of one shape instead of the default six (3 at
 * 5,000 rows/s, 1 at 1,000, 1 at maximum speed, 1 at 5,000 with a busy-spinning thread per core); {@code --devices},
 * {@code --rows}, {@code --seed}, {@code --set} passed to {@code flead up}; {@code --timeout-min 20} per run;
 * {@code --keep} keeps each run's directory under {@code .flead/bench/loop/}. A small uncounted run comes first (see
 * {@link #warmUp}).
 */
public final class LoopBench {
    static final Path WORK = Path.of(".flead", "bench", "loop");
    static final double TARGET_F1_MIN = 0.85;
    static final List<String> WARM_UP_ARGS = List.of("--devices", "20", "--rows", "300");
    static final double TARGET_ROWS_BEFORE_F1_PCT = 30;
    /** #19: alert-severity drift on at most 10% of the clean demo devices and on at least 8 of the 10 drifting ones. */
    static final double TARGET_DRIFT_CLEAN_MAX = 0.10;
    static final double TARGET_DRIFT_DRIFTING_MIN = 0.8;

    private LoopBench() {
    }

    public static void main(String[] args) throws Exception {
        LoopPlan plan = LoopPlan.parse(args);
        Path root = LoopRun.root();
        System.out.println("# loop: " + plan.runs().size() + " run(s) of flead up --headless --exit-when-done "
            + String.join(" ", plan.upArgs()) + " as a child process on a broker in this JVM; "
            + Runtime.getRuntime().availableProcessors() + " cores; PostgreSQL runs with fsync off");
        warmUp(root, plan);
        List<LoopFigures> figures = new ArrayList<>();
        List<Boolean> early = new ArrayList<>();
        List<DriftShares> drift = new ArrayList<>();
        for (int i = 0; i < plan.runs().size(); i++) {
            LoopPlan.Run run = plan.runs().get(i);
            System.out.printf(Locale.ROOT, "# run %d of %d: %s%n", i + 1, plan.runs().size(), run.label());
            LoopRun.Result r = LoopRun.run(root, WORK.resolve("run" + (i + 1)).toAbsolutePath(), run, plan.upArgs(),
                plan.timeout(), plan.keep());
            printRun(i + 1, r);
            figures.add(r.figures());
            if (r.drift() != null) {
                drift.add(r.drift());
            }
            early.add(run.rate() == LoopPlan.DEFAULT_RATE);
        }
        printTotals(LoopFigures.totals(figures, early), early.contains(true));
        printDriftTotals(drift);
    }

    /**
     * Every run's {@code flead up} is a fresh JVM, but the broker and the topic reader live in this JVM: before the first
     * run, one small run (not counted) gets their code compiled, so that run 1 competes with no more JIT work than the
     * runs after it (the broker of a user's {@code flead up} runs inside that fresh JVM).
     */
    private static void warmUp(Path root, LoopPlan plan) throws Exception {
        long start = System.nanoTime();
        LoopRun.Result r = LoopRun.run(root, WORK.resolve("warmup").toAbsolutePath(), new LoopPlan.Run(0, false),
            WARM_UP_ARGS, plan.timeout(), false);
        System.out.printf(Locale.ROOT, "# warm-up (not counted): flead up %s at full speed, %,d rows in %.1f s%n",
            String.join(" ", WARM_UP_ARGS), r.rowsTotal(), (System.nanoTime() - start) / 1e9);
    }

    static void printRun(int n, LoopRun.Result r) {
        LoopFigures f = r.figures();
        String suffix = ".run" + n;
        System.out.printf(Locale.ROOT, "# run %d: %,d rows replayed in %.1f s, flead up exited with %d%s%n", n,
            r.rowsTotal(), r.wallS(), r.exitCode(), r.exitCode() == 0 ? "" : " (see " + r.log() + ")");
        r.upSummary().forEach(line -> System.out.println("#   " + line));
        f.timeline().forEach(s -> System.out.println("#   " + timelineLine(s, r.rowsTotal())));
        if (f.finalEvaluation() == null) {
            System.out.println("# run " + n + ": no version carried an evaluation (loop.f1_final" + suffix + " none)");
        } else {
            Metrics.print("loop.f1_final" + suffix, round(f.finalEvaluation().f1()), "f1");
            // a version closed at the end of the replay can carry an evaluation summed over few updates
            Metrics.print("loop.f1_final_updates" + suffix, f.finalEvaluation().updates(), "updates");
            System.out.printf(Locale.ROOT, "#   evaluated v%d over %d updates: precision %.3f recall %.3f%n",
                f.finalEvaluation().version(), f.finalEvaluation().updates(), f.finalEvaluation().precision(),
                f.finalEvaluation().recall());
        }
        Metrics.print("loop.versions" + suffix, f.versions(), "versions");
        Metrics.print("loop.zero_accept_versions" + suffix, f.zeroAcceptVersions(), "versions");
        Metrics.print("loop.local_updates" + suffix, f.localUpdates(), "updates");
        Metrics.print("loop.accepted" + suffix, f.accepted(), "updates");
        if (f.localUpdates() > 0) {
            Metrics.print("loop.accepted_pct" + suffix, Math.round(1000.0 * f.accepted() / f.localUpdates()) / 10.0, "%");
        }
        Metrics.print("loop.rejected" + suffix, f.rejectedTotal(), "updates");
        for (Map.Entry<String, Long> e : f.rejected().entrySet()) {
            Metrics.print("loop.rejected." + e.getKey() + suffix, e.getValue(), "updates");
        }
        if (f.maxStaleness() != null) {
            Metrics.print("loop.max_staleness_accepted" + suffix, f.maxStaleness(), "versions");
        }
        Metrics.print("loop.rows_before_f1_0_8_pct" + suffix, Math.round(f.rowsBeforeF1Pct() * 10) / 10.0, "%");
        Metrics.print("loop.wall_s" + suffix, Math.round(r.wallS() * 10) / 10.0, "s");
        if (r.drift() != null) {
            printDrift(r.drift(), suffix);
        }
    }

    /** Shares of the clean and of the drifting demo devices with alert-severity drift. */
    static void printDrift(DriftShares d, String suffix) {
        System.out.printf(Locale.ROOT, "#   alert-severity drift on %d of %d clean and %d of %d drifting devices%n",
            d.cleanAlerted(), d.cleanDevices(), d.driftingAlerted(), d.driftingDevices());
        if (d.cleanDevices() > 0) {
            Metrics.print("loop.drift_alert_share.clean" + suffix, round(d.clean()), "share");
        }
        if (d.driftingDevices() > 0) {
            Metrics.print("loop.drift_alert_share.drifting" + suffix, round(d.drifting()), "share");
        }
    }

    /** One version as the bench first saw it: when, how much of the replay was done, and what it carried. */
    static String timelineLine(LoopFigures.Sighting s, long rowsTotal) {
        var m = s.model();
        var e = m.evaluation();
        return String.format(Locale.ROOT, "v%d at %.1f s, %.1f%% replayed: accepted %d, %s", m.version(),
            s.atMs() / 1000.0, rowsTotal <= 0 ? 0.0 : 100.0 * s.rowsReplayed() / rowsTotal, m.participants(),
            e == null ? "evaluated none" : String.format(Locale.ROOT, "evaluated v%d F1 %.3f (%d updates)",
                e.version(), e.f1(), e.updates()));
    }

    static void printTotals(LoopFigures.Totals t, boolean anyAt5000) {
        Metrics.print("loop.runs", t.runs(), "runs");
        if (t.runsWithoutEvaluation() > 0) {
            System.out.println("# " + t.runsWithoutEvaluation() + " run(s) had no evaluated version: they are left out "
                + "of f1_final.min and .median, and miss the F1 target");
        }
        if (t.f1Min().isPresent()) {
            Metrics.print("loop.f1_final.min", round(t.f1Min().getAsDouble()), "f1");
            Metrics.print("loop.f1_final.median", round(t.f1Median().getAsDouble()), "f1");
        }
        boolean f1Met = t.f1Min().isPresent() && t.runsWithoutEvaluation() == 0
            && t.f1Min().getAsDouble() >= TARGET_F1_MIN;
        System.out.printf(Locale.ROOT, "# target loop.f1_final.min >= %.2f: %s%n", TARGET_F1_MIN, f1Met ? "met" : "NOT met");
        Metrics.print("loop.zero_accept_versions", t.zeroAcceptVersions(), "versions");
        System.out.println("# target loop.zero_accept_versions = 0: " + (t.zeroAcceptVersions() == 0 ? "met" : "NOT met"));
        if (t.maxStaleness() != null) {
            Metrics.print("loop.max_staleness_accepted", t.maxStaleness(), "versions");
        } else {
            System.out.println("# loop.max_staleness_accepted: no version reported max_staleness");
        }
        Metrics.print("loop.rows_before_f1_0_8_pct", Math.round(t.rowsBeforeF1PctWorst() * 10) / 10.0, "%");
        System.out.printf(Locale.ROOT, "# target loop.rows_before_f1_0_8_pct <= %.0f (the worst run %s): %s%n",
            TARGET_ROWS_BEFORE_F1_PCT, anyAt5000 ? "at 5,000 rows/s" : "of these, none at 5,000 rows/s",
            t.rowsBeforeF1PctWorst() <= TARGET_ROWS_BEFORE_F1_PCT ? "met" : "NOT met");
    }

    /** The drift shares pooled over the runs (devices and alerted devices summed), against #19's targets. */
    static void printDriftTotals(List<DriftShares> runs) {
        if (runs.isEmpty()) {
            System.out.println("# loop.drift_alert_share: no run staged demo devices (no manifest)");
            return;
        }
        DriftShares all = DriftShares.pooled(runs);
        printDrift(all, "");
        if (all.cleanDevices() > 0) {
            System.out.printf(Locale.ROOT, "# target loop.drift_alert_share.clean <= %.2f: %s%n", TARGET_DRIFT_CLEAN_MAX,
                all.clean() <= TARGET_DRIFT_CLEAN_MAX ? "met" : "NOT met");
        }
        if (all.driftingDevices() > 0) {
            System.out.printf(Locale.ROOT, "# target loop.drift_alert_share.drifting >= %.2f: %s%n",
                TARGET_DRIFT_DRIFTING_MIN, all.drifting() >= TARGET_DRIFT_DRIFTING_MIN ? "met" : "NOT met");
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
