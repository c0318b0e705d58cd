package io.flead.bench.chaos;

import java.util.List;

/**
 * What one run of the suite found in the data once the replay was complete and the functions had caught up.
 *
 * @param faults              faults injected
 * @param lostRows            source rows missing from {@code edge-iiot-stream} (read_committed) plus those missing
 *                            from {@code telemetry}
 * @param duplicateRows       source rows seen more than once on the topic plus those more than once in the table
 * @param duplicateAnomalies  anomalies more than once in {@code anomalies}
 * @param duplicateUpdates    local updates more than once in {@code local_models}
 * @param failedTasks         connectors and tasks in state FAILED
 * @param versionsAfterFaults global versions with accepted updates published after the run's last fault
 * @param recoveriesS         per fault, seconds from the kill to rows landing again (-1: they never did)
 */
record RunOutcome(int faults, long lostRows, long duplicateRows, long duplicateAnomalies, long duplicateUpdates,
                  long failedTasks, long versionsAfterFaults, List<Double> recoveriesS) {

    RunOutcome {
        recoveriesS = List.copyOf(recoveriesS);
    }

    /** Missing or repeated rows: {@code expected} rows were sent, {@code seen} arrived, {@code distinct} of them different. */
    static long lost(long expected, long distinct) {
        return Math.max(0, expected - distinct);
    }

    static long duplicates(long seen, long distinct) {
        return seen - distinct;
    }

    /** Whether the run met every target: nothing lost or repeated, no failed task, the loop still learning. */
    boolean clean() {
        return lostRows == 0 && duplicateRows == 0 && duplicateAnomalies == 0 && duplicateUpdates == 0
            && failedTasks == 0 && versionsAfterFaults > 0 && recoveriesS.stream().allMatch(s -> s >= 0);
    }
}
