package io.flead.platform.up;

import io.flead.model.VersionEvaluation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders a {@link PipelineSnapshot} as the lines of the live terminal view (pure; no terminal I/O). */
public final class ProgressView {
    static final int BAR_WIDTH = 30;

    private ProgressView() {
    }

    public static List<String> render(PipelineSnapshot s) {
        return List.of(replayLine(s), modelLine(s), qualityLine(s), outputLine(s));
    }

    static String replayLine(PipelineSnapshot s) {
        double fraction = s.rowsTotal() == 0 ? 0 : Math.min(1.0, (double) s.rowsAccountedFor() / s.rowsTotal());
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        return String.format(Locale.ROOT, "replay  [%s] %,d/%,d rows%s  %,.0f rows/s  ETA %s",
            bar, s.rowsReplayed(), s.rowsTotal(), s.rowsInError() == 0 ? ""
                : String.format(Locale.ROOT, " (%,d refused, on %s)", s.rowsInError(), PipelineTopics.SOURCE_ERRORS),
            s.rowsPerSecond(), eta(s));
    }

    static String eta(PipelineSnapshot s) {
        if (s.replayDone()) {
            return "done";
        }
        if (s.rowsPerSecond() <= 0) {
            return "--";
        }
        long seconds = (long) Math.ceil((s.rowsTotal() - s.rowsAccountedFor()) / s.rowsPerSecond());
        return seconds >= 3600
            ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
            : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    static String modelLine(PipelineSnapshot s) {
        PipelineSnapshot.ModelLine m = s.model();
        if (m == null) {
            return String.format(Locale.ROOT, "model   no global version yet%s  (%,d local updates so far)",
                s.rejectedSince().isEmpty() ? "" : "  rejected: " + reasons(s.rejectedSince()), s.localUpdates());
        }
        return String.format(Locale.ROOT, "model   v%d round %d  accepted %d  rejected: %s%s%s  (%,d local updates)",
            m.version(), m.round(), m.accepted(), reasons(m.rejected()),
            s.rejectedSince().isEmpty() ? "" : "  since v" + m.version() + ": " + reasons(s.rejectedSince()),
            m.maxStaleness() == null ? "" : "  max staleness " + m.maxStaleness(), s.localUpdates());
    }

    /** The newest version evaluation, naming the version it evaluates; "none" when no version carried one. */
    static String qualityLine(PipelineSnapshot s) {
        return "quality " + evaluation(s.model() == null ? null : s.model().evaluation());
    }

    /** {@code evaluated vN (U updates): precision … recall … F1 …}, or {@code evaluation none}. */
    public static String evaluation(VersionEvaluation e) {
        if (e == null) {
            return "evaluation none";
        }
        return String.format(Locale.ROOT, "evaluated v%d (%,d updates): precision %.3f  recall %.3f  F1 %.3f",
            e.version(), e.updates(), e.precision(), e.recall(), e.f1());
    }

    /** Counts by reason, {@code stale 2, superseded 1} in reason order; {@code none} when there are none. */
    public static String reasons(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    }

    /** What {@code flead up --exit-when-done} prints last: the last version, its updates, rejections and quality. */
    public static List<String> summary(PipelineSnapshot s) {
        PipelineSnapshot.ModelLine m = s.model();
        String after = (m == null ? "; rejected: " : "; rejected after it: ") + reasons(s.rejectedSince());
        String version = m == null
            ? String.format(Locale.ROOT, "summary no global version was published (%,d local updates)%s",
                s.localUpdates(), after)
            : String.format(Locale.ROOT, "summary last version v%d (round %d): accepted %d updates; rejected: %s%s",
                m.version(), m.round(), m.accepted(), reasons(m.rejected()), after);
        return List.of(version, "summary newest " + evaluation(m == null ? null : m.evaluation()));
    }

    static String outputLine(PipelineSnapshot s) {
        return String.format(Locale.ROOT, "detect  %,d anomalies (%,.0f/s)  %,d drift alerts",
            s.anomalies(), s.anomaliesPerSecond(), s.driftAlerts());
    }
}
