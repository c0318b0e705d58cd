package io.flead.localtrain.core;

import io.flead.model.FeatureSpace;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Local training as a fold per device: {@link #empty}, {@link #add}, {@link #ready}, {@link #finish}.
 *
 * <p>{@code add} appends a row to the bounded window; {@code ready} says whether an update is due
 * (every {@code trigger.rows} rows or {@code trigger.interval.ms} after the window opened, never below
 * {@code min.rows}); {@code finish} evaluates the incoming global model on the window, trains from it
 * and returns the update, consuming the window. The state is updated in place and also returned.
 *
 * <p>{@link #add} reuses a scratch row, so one trainer serves one thread; {@link #addRow} and
 * {@link #finish} keep no shared state and may be called from several threads on different windows.
 */
public final class LocalTrainer {
    private final LocalTrainSettings settings;
    private final FeatureSpace space;
    private final double[] rowScratch;

    public LocalTrainer(LocalTrainSettings settings) {
        this.settings = settings;
        this.space = new FeatureSpace(settings.featureNames());
        this.rowScratch = new double[space.dimension()];
    }

    public LocalTrainSettings settings() {
        return settings;
    }

    public FeatureSpace featureSpace() {
        return space;
    }

    /** A new, empty window for a device. */
    public DeviceWindow empty(String deviceId) {
        return new DeviceWindow(deviceId, space.dimension(), settings.maxRows());
    }

    /** Adds one telemetry event; a window it opens counts its interval from the event's own time. */
    public DeviceWindow add(DeviceWindow state, TelemetryEvent event) {
        return add(state, event, event.ts());
    }

    /**
     * Adds one telemetry event; features outside the feature space are ignored, missing ones become NaN. A window
     * it opens counts its interval ({@code trigger.interval.ms}) from {@code nowMs}, the clock the caller passes
     * to {@link #ready} as well.
     */
    public DeviceWindow add(DeviceWindow state, TelemetryEvent event, long nowMs) {
        space.fill(event.features(), rowScratch, 0);
        return addRow(state, rowScratch, event.label() == null ? -1 : event.label(), event.seq(), nowMs);
    }

    /** Adds one row already in this trainer's feature space (label -1 for unlabelled). */
    public DeviceWindow addRow(DeviceWindow state, double[] row, int label, long seq, long ts) {
        if (row.length != space.dimension()) {
            throw new IllegalArgumentException("row of device '" + state.deviceId() + "' has " + row.length
                + " features, the feature space has " + space.dimension());
        }
        state.append(row, label, seq, ts);
        return state;
    }

    /** True when an update is due at {@code nowMs}. */
    public boolean ready(DeviceWindow state, long nowMs) {
        return ready(state.size(), state.rowsSinceEmit(), state.openedTs(), nowMs);
    }

    /**
     * As {@link #ready(DeviceWindow, long)} for a window that would train from {@code base}: while the base has no
     * statistics, the update carries only the window's statistics and is due at {@code statistics.rows} rows when set.
     */
    public boolean ready(DeviceWindow state, long nowMs, GlobalModel base) {
        return ready(state.size(), state.rowsSinceEmit(), state.openedTs(), nowMs, base);
    }

    /** As {@link #ready(int, long, long, long)}, due at {@code statistics.rows} rows while {@code base} has no statistics. */
    public boolean ready(int size, long rowsSinceEmit, long openedTs, long nowMs, GlobalModel base) {
        if (settings.statisticsRows() > 0 && base != null && base.stats() == null
            && size >= Math.max(settings.statisticsRows(), settings.minRows())) {
            return true;
        }
        return ready(size, rowsSinceEmit, openedTs, nowMs);
    }

    /** True when a window of {@code size} rows, {@code rowsSinceEmit} rows counted and opened at {@code openedTs} is due. */
    public boolean ready(int size, long rowsSinceEmit, long openedTs, long nowMs) {
        if (size < settings.minRows()) {
            return false;
        }
        return rowsSinceEmit >= settings.triggerRows() || nowMs - openedTs >= settings.triggerIntervalMs();
    }

    /**
     * Trains on the window from {@code global} and returns the update, or empty when the window holds
     * fewer than {@code min.rows} rows (then the state is left as it is). A returned update consumes the window.
     */
    public Optional<LocalModelUpdate> finish(DeviceWindow state, GlobalModel global, long nowMs) {
        if (state.size() < settings.minRows()) {
            return Optional.empty();
        }
        WindowData data = WindowData.of(state, space, global);
        String updateId = updateId(state.deviceId(), global.version(), state.firstSeq(), state.lastSeq());
        LocalModelUpdate update = new WindowTraining(settings, data, global)
            .run(updateId, state.deviceId(), nowMs, state.firstSeq(), state.lastSeq());
        state.clear();
        return Optional.of(update);
    }

    /** The deterministic id of the update built from a device's window on a base version. */
    public static String updateId(String deviceId, long baseVersion, long firstSeq, long lastSeq) {
        String key = deviceId + '\u0000' + baseVersion + '\u0000' + firstSeq + '\u0000' + lastSeq;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The statistics of the rows currently in the window (for shells that report them). */
    public FeatureStats windowStats(DeviceWindow state) {
        return WindowData.of(state, space, null).stats();
    }
}
