package io.flead.platform.up;

import java.util.List;
import java.util.Locale;

/** Renders a {@link PipelineSnapshot} as the lines of the live terminal view (pure; no terminal I/O). */
public final class ProgressView {
    static final int BAR_WIDTH = 30;

    private ProgressView() {
    }

    public static List<String> render(PipelineSnapshot s) {
        return List.of(replayLine(s), modelLine(s), outputLine(s));
    }

    static String replayLine(PipelineSnapshot s) {
        double fraction = s.rowsTotal() == 0 ? 0 : Math.min(1.0, (double) s.rowsReplayed() / s.rowsTotal());
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        return String.format(Locale.ROOT, "replay  [%s] %,d/%,d rows  %,.0f rows/s  ETA %s",
            bar, s.rowsReplayed(), s.rowsTotal(), s.rowsPerSecond(), eta(s));
    }

    static String eta(PipelineSnapshot s) {
        if (s.replayDone()) {
            return "done";
        }
        if (s.rowsPerSecond() <= 0) {
            return "--";
        }
        long seconds = (long) Math.ceil((s.rowsTotal() - s.rowsReplayed()) / s.rowsPerSecond());
        return seconds >= 3600
            ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
            : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    static String modelLine(PipelineSnapshot s) {
        PipelineSnapshot.ModelLine m = s.model();
        if (m == null) {
            return String.format(Locale.ROOT, "model   no global model yet (%,d local updates so far)", s.localUpdates());
        }
        return String.format(Locale.ROOT,
            "model   v%d round %d  participants %d  precision %.3f  recall %.3f  F1 %.3f  rejected %d  (%,d local updates)",
            m.version(), m.round(), m.participants(), m.precision(), m.recall(), m.f1(), m.rejected(), s.localUpdates());
    }

    static String outputLine(PipelineSnapshot s) {
        return String.format(Locale.ROOT, "detect  %,d anomalies (%,.0f/s)  %,d drift alerts",
            s.anomalies(), s.anomaliesPerSecond(), s.driftAlerts());
    }
}
