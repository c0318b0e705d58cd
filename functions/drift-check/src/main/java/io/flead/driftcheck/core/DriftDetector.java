package io.flead.driftcheck.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-device drift detection as a fold: {@link #empty}, {@link #add} per row, {@link #check} after each row.
 *
 * <p>The window of the last {@code drift.window.rows} rows slides by {@code drift.check.every.rows};
 * when a slide completes, {@link #check} compares the window with the reference by PSI (full windows
 * only) and by the corrected mean-shift z-test. The reference is the device's own baseline
 * ({@code drift.reference=device}, the default) or the global model's statistics ({@code global}). Page-Hinkley watches the anomaly rate row by row and
 * restarts after each detection. Alerts pass a per device/feature/method debounce. Rows flagged
 * anomalous feed only Page-Hinkley (by default), and ignored features are never tested.
 */
public final class DriftDetector {
    private final DriftSettings settings;

    public DriftDetector(DriftSettings settings) {
        this.settings = settings;
    }

    public DriftSettings settings() {
        return settings;
    }

    /** The state of a device that has sent nothing yet. */
    public DeviceDriftState empty(String deviceId) {
        return new DeviceDriftState(deviceId);
    }

    /**
     * Folds one row into the state, its anomaly flag both feeding Page-Hinkley (as judged by one fixed model) and, when
     * set, keeping the row out of the window. {@code features} follow the reference's feature order (NaN: missing);
     * {@code reference} may be null before the first global model (rows then count for Page-Hinkley and the mean-shift
     * test but not for PSI). A change in the number of features restarts the window.
     */
    public DeviceDriftState add(DeviceDriftState state, DriftReference reference, double[] features,
                                boolean anomalous, long nowMs) {
        return fold(state, reference, features, anomalous, new ModelVerdict(anomalous, state.pageHinkleyVersion()),
            nowMs);
    }

    /**
     * Folds one row into the state. {@code attack}: the row is labelled an attack, so it stays out of the window
     * and of Page-Hinkley (attacks are not drift); {@code verdict}: what the model in force said about the row, or
     * null when it could not judge it. Page-Hinkley follows the verdicts of one model version at a time and starts
     * over when the version changes, so a new model that flags more of the same traffic is not a device change.
     */
    public DeviceDriftState add(DeviceDriftState state, DriftReference reference, double[] features,
                                boolean attack, ModelVerdict verdict, long nowMs) {
        return fold(state, reference, features, attack, attack ? null : verdict, nowMs);
    }

    /** Folds a row: {@code rate} (null: none) feeds Page-Hinkley, {@code keepOut} keeps the row out of the window. */
    private DeviceDriftState fold(DeviceDriftState state, DriftReference reference, double[] features,
                                  boolean keepOut, ModelVerdict rate, long nowMs) {
        if (!state.shaped() || state.featureCount() != features.length) {
            state.shape(features.length, settings);
        }
        state.seen(nowMs);
        if (rate != null) {
            watchAnomalyRate(state, rate);
        }
        if (keepOut && settings.skipAnomalous()) {
            return state;
        }
        DeviceBaseline baseline = state.baseline();
        if (state.nextRowStartsBlock()) {
            float[][] frame = baseline != null ? baseline.frame() : WindowBlock.frameOf(reference, features.length);
            state.addRow(features, frame, settings.checkEveryRows());
        } else {
            state.addRow(features, null, settings.checkEveryRows());
        }
        if (baseline != null) {
            baseline.add(features, reference);
        }
        return state;
    }

    private void watchAnomalyRate(DeviceDriftState state, ModelVerdict verdict) {
        PageHinkley ph = state.pageHinkley();
        if (verdict.modelVersion() != state.pageHinkleyVersion()) {
            ph.reset();
            state.pageHinkleyVersion(verdict.modelVersion());
        }
        double stat = ph.update(verdict.anomalous() ? 1.0 : 0.0, settings.phDelta());
        if (ph.count() >= settings.phMinRows() && stat > settings.phLambda()) {
            state.latchPageHinkley(stat, ph.count());
            ph.reset();
        }
    }

    /** Folds one row given as named features (a telemetry event's {@code features}), aligned to the reference. */
    public DeviceDriftState add(DeviceDriftState state, DriftReference reference, Map<String, ? extends Number> features,
                                boolean anomalous, long nowMs) {
        return add(state, reference, aligned(state, reference, features), anomalous, nowMs);
    }

    /** Folds one row given as named features, with the model's verdict on it (see the array form). */
    public DeviceDriftState add(DeviceDriftState state, DriftReference reference, Map<String, ? extends Number> features,
                                boolean attack, ModelVerdict verdict, long nowMs) {
        return add(state, reference, aligned(state, reference, features), attack, verdict, nowMs);
    }

    private static double[] aligned(DeviceDriftState state, DriftReference reference,
                                    Map<String, ? extends Number> features) {
        if (reference == null) {
            throw new IllegalArgumentException("named features of device '" + state.deviceId()
                + "' need a reference to be aligned to");
        }
        return reference.align(features);
    }

    /**
     * The alerts due for this device now: Page-Hinkley as soon as it fires, window tests once per slide
     * (in device mode only once the device's baseline is complete). {@code reference} names the features
     * and gives the model version; in global mode it is also what the window is compared with.
     */
    public List<DriftFinding> check(DeviceDriftState state, DriftReference reference, long nowMs) {
        List<DriftFinding> out = new ArrayList<>();
        if (!state.shaped() || reference == null) {
            return out;
        }
        boolean due = state.takeCheckDue();
        checkPageHinkley(state, reference, due, nowMs, out);
        if (due) {
            checkWindow(state, reference, nowMs, out);
        }
        return out;
    }

    /**
     * The window tests of this device as they stand now, against the same reference a check would use: every tested
     * feature, passes included, nothing debounced. Empty before the window can be tested (in device mode, until the
     * device's baseline is complete). Features that could not be tested are absent.
     */
    public List<WindowTest> assess(DeviceDriftState state, DriftReference reference) {
        List<WindowTest> out = new ArrayList<>();
        if (!state.shaped() || reference == null) {
            return out;
        }
        for (Verdict v : windowVerdicts(state, reference)) {
            out.add(new WindowTest(reference.feature(v.feature()).name(), v.method(), v.statistic(), v.threshold(),
                v.severity(), v.windowN()));
        }
        return out;
    }

    private List<Verdict> windowVerdicts(DeviceDriftState state, DriftReference reference) {
        DriftReference against = state.baseline() == null ? reference : state.baseline().asReference(reference);
        if (against == null || against.size() != state.featureCount()) {
            return List.of();
        }
        List<WindowBlock> window = state.completeBlocks(settings.checkEveryRows());
        List<Verdict> verdicts = new ArrayList<>(MeanShiftCheck.run(window, against, settings));
        verdicts.addAll(PsiCheck.run(window, against, settings));
        return verdicts;
    }

    private void checkWindow(DeviceDriftState state, DriftReference reference, long nowMs, List<DriftFinding> out) {
        for (Verdict v : windowVerdicts(state, reference)) {
            int key = 2 * v.feature() + (DriftFinding.PSI.equals(v.method()) ? 0 : 1);
            emitIfOpen(state, key, v, reference.feature(v.feature()).name(), reference, nowMs, out);
        }
    }

    private void checkPageHinkley(DeviceDriftState state, DriftReference reference, boolean due, long nowMs,
                                  List<DriftFinding> out) {
        int key = 2 * state.featureCount();
        double latched = state.latchedPageHinkley();
        if (!Double.isNaN(latched)) {
            Verdict v = new Verdict(-1, DriftFinding.PAGE_HINKLEY, latched, settings.phLambda(), Severity.ALERT,
                state.latchedPageHinkleyRows());
            state.clearPageHinkleyLatch();
            emitIfOpen(state, key, v, DriftFinding.ANOMALY_RATE, reference, nowMs, out);
        } else if (due) {
            state.gate().offer(key, null, nowMs, settings.cooldownMs());
        }
    }

    private void emitIfOpen(DeviceDriftState state, int key, Verdict v, String feature, DriftReference reference,
                            long nowMs, List<DriftFinding> out) {
        if (state.gate().offer(key, v.severity(), nowMs, settings.cooldownMs())) {
            out.add(new DriftFinding(state.deviceId(), nowMs, feature, v.method(), v.statistic(), v.threshold(),
                v.severity(), reference.modelVersion(), v.windowN()));
        }
    }
}
