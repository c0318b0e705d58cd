package io.flead.platform.up;

/** Decides that a replay has settled: every row replayed and no output changed for a quiet period (pure). */
final class IdleDetector {
    private final long quietMs;
    private PipelineSnapshot last;
    private long unchangedSince = -1;

    IdleDetector(long quietMs) {
        this.quietMs = quietMs;
    }

    boolean settled(PipelineSnapshot s) {
        boolean same = last != null && last.localUpdates() == s.localUpdates() && last.anomalies() == s.anomalies()
            && last.driftAlerts() == s.driftAlerts() && last.rowsReplayed() == s.rowsReplayed()
            && java.util.Objects.equals(last.model(), s.model())
            && last.rejectedSince().equals(s.rejectedSince());
        if (!same || unchangedSince < 0) {
            unchangedSince = s.elapsedMs();
        }
        last = s;
        return s.replayDone() && s.elapsedMs() - unchangedSince >= quietMs;
    }
}
