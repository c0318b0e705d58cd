package io.flead.driftcheck.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Settings of the per-device drift detector, every key declared once with its default.
 *
 * @param windowRows      rows in the sliding window compared against the reference
 * @param checkEveryRows  rows between two checks; the window slides by this many rows, so it must divide windowRows
 * @param psiMinBinShare  runs of adjacent reference bins each holding less than this share are pooled into one bin
 * @param psiWarn         PSI at or above which a warning is raised
 * @param psiAlert        PSI at or above which an alert is raised
 * @param psiEpsilon      floor of a bin proportion, so empty bins cost a finite amount
 * @param meanShiftAlphaWarn  family-wise level of the mean-shift z-test for a warning
 * @param meanShiftAlphaAlert family-wise level of the mean-shift z-test for an alert
 * @param correction      multiple-testing correction across features for the mean-shift test
 * @param meanShiftMinRows rows a window needs before the mean-shift test runs (PSI needs a full window)
 * @param phDelta         Page-Hinkley tolerance δ on the anomaly rate (changes smaller than this are ignored)
 * @param phLambda        Page-Hinkley threshold λ (alert when the cumulative deviation exceeds it)
 * @param phMinRows       rows a device needs before Page-Hinkley may alert
 * @param cooldownMs      a still-drifted device/feature/method is re-alerted after this long
 * @param referenceMode   compare with the device's own baseline ({@code device}) or the global model ({@code global})
 * @param calibrationRows device mode: first rows that fix the device's z-frame
 * @param baselineRows    device mode: rows after calibration that form the device's baseline
 * @param skipAnomalous   rows flagged anomalous feed Page-Hinkley but not the window or baseline (attacks are not drift)
 * @param ignoredFeatures features never tested: counters, sequence numbers and checksums, whose values move by design
 */
public record DriftSettings(int windowRows, int checkEveryRows, double psiMinBinShare, double psiWarn, double psiAlert,
                            double psiEpsilon, double meanShiftAlphaWarn, double meanShiftAlphaAlert,
                            MultipleTestingCorrection correction, int meanShiftMinRows, double phDelta,
                            double phLambda, int phMinRows, long cooldownMs, ReferenceMode referenceMode,
                            int calibrationRows, int baselineRows, boolean skipAnomalous, Set<String> ignoredFeatures) {

    public static final String WINDOW_ROWS = "drift.window.rows";
    public static final String CHECK_EVERY_ROWS = "drift.check.every.rows";
    public static final String PSI_MIN_BIN_SHARE = "drift.psi.min.bin.share";
    public static final String PSI_WARN = "drift.psi.warn";
    public static final String PSI_ALERT = "drift.psi.alert";
    public static final String PSI_EPSILON = "drift.psi.epsilon";
    public static final String MEAN_SHIFT_ALPHA_WARN = "drift.meanshift.alpha.warn";
    public static final String MEAN_SHIFT_ALPHA_ALERT = "drift.meanshift.alpha.alert";
    public static final String MEAN_SHIFT_CORRECTION = "drift.meanshift.correction";
    public static final String MEAN_SHIFT_MIN_ROWS = "drift.meanshift.min.rows";
    public static final String PH_DELTA = "drift.ph.delta";
    public static final String PH_LAMBDA = "drift.ph.lambda";
    public static final String PH_MIN_ROWS = "drift.ph.min.rows";
    public static final String COOLDOWN_MS = "drift.cooldown.ms";
    public static final String REFERENCE_MODE = "drift.reference";
    public static final String CALIBRATION_ROWS = "drift.baseline.calibration.rows";
    public static final String BASELINE_ROWS = "drift.baseline.rows";
    public static final String SKIP_ANOMALOUS = "drift.window.skip.anomalous";
    public static final String IGNORED_FEATURES = "drift.features.ignore";

    /**
     * Edge-IIoTset columns that are counters, sequence/acknowledgement numbers, timestamps, checksums or
     * port numbers: they grow, scatter or (ports: an ephemeral port lasts a whole connection) jump by
     * construction, so a device's later rows always "differ" from its earlier ones. Their numeric value is
     * an identifier, not a measurement whose distribution can drift.
     */
    public static final Set<String> DEFAULT_IGNORED_FEATURES = Set.of("tcp.seq", "tcp.ack", "tcp.ack_raw",
        "tcp.checksum", "udp.stream", "icmp.seq_le", "icmp.checksum", "icmp.transmit_timestamp", "mbtcp.trans_id",
        "tcp.dstport", "udp.port");

    /** Largest slide: block counts are stored as 16-bit values. */
    static final int MAX_CHECK_EVERY_ROWS = Short.MAX_VALUE;

    /**
     * The defaults: window 500 rows checked every 100, PSI 0.1/0.25 with reference bins under 8% pooled, mean shift
     * 1e-3/1e-5 (BH), PH δ 0.01 λ 20, cooldown 1 h, against each device's baseline (100 + 500 rows),
     * anomalous rows kept out of the window, Edge-IIoTset counters and checksums ignored.
     */
    public static final DriftSettings DEFAULTS = new DriftSettings(500, 100, 0.08, 0.1, 0.25, 1e-4, 1e-3, 1e-5,
        MultipleTestingCorrection.BENJAMINI_HOCHBERG, 100, 0.01, 20.0, 100, 3_600_000L, ReferenceMode.DEVICE, 100, 500,
        true, DEFAULT_IGNORED_FEATURES);

    public DriftSettings {
        require(ignoredFeatures != null, IGNORED_FEATURES, null, "must be a list of feature names");
        ignoredFeatures = Set.copyOf(ignoredFeatures);
        positive(WINDOW_ROWS, windowRows);
        positive(CHECK_EVERY_ROWS, checkEveryRows);
        require(checkEveryRows <= MAX_CHECK_EVERY_ROWS, CHECK_EVERY_ROWS, checkEveryRows,
            "must be at most " + MAX_CHECK_EVERY_ROWS);
        require(windowRows % checkEveryRows == 0, CHECK_EVERY_ROWS, checkEveryRows,
            "must divide " + WINDOW_ROWS + " (" + windowRows + ")");
        require(psiMinBinShare > 0 && psiMinBinShare <= 0.5, PSI_MIN_BIN_SHARE, psiMinBinShare, "must be in (0, 0.5]");
        positive(PSI_WARN, psiWarn);
        require(psiAlert >= psiWarn, PSI_ALERT, psiAlert, "must be at least " + PSI_WARN + " (" + psiWarn + ")");
        require(psiEpsilon > 0 && psiEpsilon < 0.01, PSI_EPSILON, psiEpsilon, "must be in (0, 0.01)");
        probability(MEAN_SHIFT_ALPHA_WARN, meanShiftAlphaWarn);
        probability(MEAN_SHIFT_ALPHA_ALERT, meanShiftAlphaAlert);
        require(meanShiftAlphaAlert <= meanShiftAlphaWarn, MEAN_SHIFT_ALPHA_ALERT, meanShiftAlphaAlert,
            "must be at most " + MEAN_SHIFT_ALPHA_WARN + " (" + meanShiftAlphaWarn + ")");
        require(correction != null, MEAN_SHIFT_CORRECTION, null, "must be bonferroni or benjamini-hochberg");
        require(meanShiftMinRows >= 2 && meanShiftMinRows <= windowRows, MEAN_SHIFT_MIN_ROWS, meanShiftMinRows,
            "must be between 2 and " + WINDOW_ROWS + " (" + windowRows + ")");
        nonNegative(PH_DELTA, phDelta);
        positive(PH_LAMBDA, phLambda);
        nonNegative(PH_MIN_ROWS, phMinRows);
        nonNegative(COOLDOWN_MS, cooldownMs);
        require(referenceMode != null, REFERENCE_MODE, null, "must be device or global");
        require(calibrationRows >= 2, CALIBRATION_ROWS, calibrationRows, "must be at least 2");
        require(baselineRows >= meanShiftMinRows && baselineRows <= Short.MAX_VALUE, BASELINE_ROWS, baselineRows,
            "must be between " + MEAN_SHIFT_MIN_ROWS + " (" + meanShiftMinRows + ") and " + Short.MAX_VALUE);
    }

    /** Settings from string properties; absent keys take their default, bad values name their key. */
    public static DriftSettings fromMap(Map<String, String> props) {
        DriftSettings d = DEFAULTS;
        return new DriftSettings(
            read(props, WINDOW_ROWS, d.windowRows, Integer::valueOf, "must be a positive integer"),
            read(props, CHECK_EVERY_ROWS, d.checkEveryRows, Integer::valueOf, "must be a positive integer"),
            read(props, PSI_MIN_BIN_SHARE, d.psiMinBinShare, Double::valueOf, "must be a number in (0, 0.5]"),
            read(props, PSI_WARN, d.psiWarn, Double::valueOf, "must be a positive number"),
            read(props, PSI_ALERT, d.psiAlert, Double::valueOf, "must be a positive number"),
            read(props, PSI_EPSILON, d.psiEpsilon, Double::valueOf, "must be a positive number"),
            read(props, MEAN_SHIFT_ALPHA_WARN, d.meanShiftAlphaWarn, Double::valueOf, "must be a number in (0, 1)"),
            read(props, MEAN_SHIFT_ALPHA_ALERT, d.meanShiftAlphaAlert, Double::valueOf, "must be a number in (0, 1)"),
            read(props, MEAN_SHIFT_CORRECTION, d.correction, DriftSettings::correctionNamed,
                "must be bonferroni or benjamini-hochberg"),
            read(props, MEAN_SHIFT_MIN_ROWS, d.meanShiftMinRows, Integer::valueOf, "must be an integer"),
            read(props, PH_DELTA, d.phDelta, Double::valueOf, "must be a non-negative number"),
            read(props, PH_LAMBDA, d.phLambda, Double::valueOf, "must be a positive number"),
            read(props, PH_MIN_ROWS, d.phMinRows, Integer::valueOf, "must be a non-negative integer"),
            read(props, COOLDOWN_MS, d.cooldownMs, Long::valueOf, "must be a non-negative integer"),
            read(props, REFERENCE_MODE, d.referenceMode, DriftSettings::modeNamed, "must be device or global"),
            read(props, CALIBRATION_ROWS, d.calibrationRows, Integer::valueOf, "must be an integer"),
            read(props, BASELINE_ROWS, d.baselineRows, Integer::valueOf, "must be an integer"),
            read(props, SKIP_ANOMALOUS, d.skipAnomalous, DriftSettings::booleanNamed, "must be true or false"),
            read(props, IGNORED_FEATURES, d.ignoredFeatures, DriftSettings::namesIn, "must be a list of feature names"));
    }

    /** These settings as string properties, the inverse of {@link #fromMap}. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(WINDOW_ROWS, Integer.toString(windowRows));
        m.put(CHECK_EVERY_ROWS, Integer.toString(checkEveryRows));
        m.put(PSI_MIN_BIN_SHARE, Double.toString(psiMinBinShare));
        m.put(PSI_WARN, Double.toString(psiWarn));
        m.put(PSI_ALERT, Double.toString(psiAlert));
        m.put(PSI_EPSILON, Double.toString(psiEpsilon));
        m.put(MEAN_SHIFT_ALPHA_WARN, Double.toString(meanShiftAlphaWarn));
        m.put(MEAN_SHIFT_ALPHA_ALERT, Double.toString(meanShiftAlphaAlert));
        m.put(MEAN_SHIFT_CORRECTION, correction.configName());
        m.put(MEAN_SHIFT_MIN_ROWS, Integer.toString(meanShiftMinRows));
        m.put(PH_DELTA, Double.toString(phDelta));
        m.put(PH_LAMBDA, Double.toString(phLambda));
        m.put(PH_MIN_ROWS, Integer.toString(phMinRows));
        m.put(COOLDOWN_MS, Long.toString(cooldownMs));
        m.put(REFERENCE_MODE, referenceMode.configName());
        m.put(CALIBRATION_ROWS, Integer.toString(calibrationRows));
        m.put(BASELINE_ROWS, Integer.toString(baselineRows));
        m.put(SKIP_ANOMALOUS, Boolean.toString(skipAnomalous));
        m.put(IGNORED_FEATURES, String.join(",", ignoredFeatures.stream().sorted().toList()));
        return m;
    }

    /** Number of blocks the sliding window is made of. */
    public int blocks() {
        return windowRows / checkEveryRows;
    }

    /** These settings with another reference mode. */
    public DriftSettings withReferenceMode(ReferenceMode mode) {
        return new DriftSettings(windowRows, checkEveryRows, psiMinBinShare, psiWarn, psiAlert, psiEpsilon,
            meanShiftAlphaWarn, meanShiftAlphaAlert, correction, meanShiftMinRows, phDelta, phLambda, phMinRows,
            cooldownMs, mode, calibrationRows, baselineRows, skipAnomalous, ignoredFeatures);
    }

    /** These settings with another set of ignored features. */
    public DriftSettings withIgnoredFeatures(Set<String> names) {
        return new DriftSettings(windowRows, checkEveryRows, psiMinBinShare, psiWarn, psiAlert, psiEpsilon,
            meanShiftAlphaWarn, meanShiftAlphaAlert, correction, meanShiftMinRows, phDelta, phLambda, phMinRows,
            cooldownMs, referenceMode, calibrationRows, baselineRows, skipAnomalous, names);
    }

    private static Boolean booleanNamed(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException(text);
    }

    private static Set<String> namesIn(String list) {
        return Set.copyOf(Arrays.stream(list.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList());
    }

    private static ReferenceMode modeNamed(String name) {
        ReferenceMode m = ReferenceMode.fromConfigName(name);
        if (m == null) {
            throw new IllegalArgumentException(name);
        }
        return m;
    }

    private static MultipleTestingCorrection correctionNamed(String name) {
        MultipleTestingCorrection c = MultipleTestingCorrection.fromConfigName(name);
        if (c == null) {
            throw new IllegalArgumentException(name);
        }
        return c;
    }

    private static <T> T read(Map<String, String> props, String key, T dflt, Function<String, T> parse, String rule) {
        String raw = props.get(key);
        if (raw == null) {
            return dflt;
        }
        try {
            return parse.apply(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidDriftSettingException(key, raw, rule);
        }
    }

    private static void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new InvalidDriftSettingException(key, value, rule);
        }
    }

    private static void positive(String key, Number v) {
        if (!(v.doubleValue() > 0) || Double.isInfinite(v.doubleValue())) {
            throw new InvalidDriftSettingException(key, v, "must be a positive number");
        }
    }

    private static void nonNegative(String key, Number v) {
        if (!(v.doubleValue() >= 0) || Double.isInfinite(v.doubleValue())) {
            throw new InvalidDriftSettingException(key, v, "must be a non-negative number");
        }
    }

    private static void probability(String key, double v) {
        if (!(v > 0 && v < 1)) {
            throw new InvalidDriftSettingException(key, v, "must be a number in (0, 1)");
        }
    }
}
