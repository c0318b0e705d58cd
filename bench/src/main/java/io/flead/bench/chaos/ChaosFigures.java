package io.flead.bench.chaos;

import java.util.List;

/** The suite's figures over its runs: sums of what went wrong, and the slowest recovery. */
record ChaosFigures(int runs, long kills, long lostRows, long duplicateRows, long duplicateAnomalies,
                    long duplicateUpdates, long failedTasks, int stalledLoops, int unrecovered, double maxRecoveryS) {

    static ChaosFigures of(List<RunOutcome> outcomes) {
        long kills = 0;
        long lost = 0;
        long dupRows = 0;
        long dupAnomalies = 0;
        long dupUpdates = 0;
        long failed = 0;
        int stalled = 0;
        int unrecovered = 0;
        double maxRecovery = 0;
        for (RunOutcome o : outcomes) {
            kills += o.faults();
            lost += o.lostRows();
            dupRows += o.duplicateRows();
            dupAnomalies += o.duplicateAnomalies();
            dupUpdates += o.duplicateUpdates();
            failed += o.failedTasks();
            stalled += o.versionsAfterFaults() > 0 ? 0 : 1;
            for (double s : o.recoveriesS()) {
                if (s < 0) {
                    unrecovered++;
                } else {
                    maxRecovery = Math.max(maxRecovery, s);
                }
            }
        }
        return new ChaosFigures(outcomes.size(), kills, lost, dupRows, dupAnomalies, dupUpdates, failed, stalled,
            unrecovered, maxRecovery);
    }
}
