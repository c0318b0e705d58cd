package io.flead.driftcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftSettingsTest {

    @Test
    void absentKeysTakeTheDefaults() {
        assertThat(DriftSettings.fromMap(Map.of())).isEqualTo(DriftSettings.DEFAULTS);
        assertThat(DriftSettings.DEFAULTS.psiWarn()).isEqualTo(0.1);
        assertThat(DriftSettings.DEFAULTS.psiAlert()).isEqualTo(0.25);
        assertThat(DriftSettings.DEFAULTS.blocks()).isEqualTo(5);
    }

    @Test
    void roundTripsThroughProperties() {
        Map<String, String> props = new HashMap<>(DriftSettings.DEFAULTS.toMap());
        props.put(DriftSettings.MEAN_SHIFT_CORRECTION, "bonferroni");
        props.put(DriftSettings.WINDOW_ROWS, "1000");
        props.put(DriftSettings.REFERENCE_MODE, "Global");
        DriftSettings s = DriftSettings.fromMap(props);
        assertThat(s.correction()).isEqualTo(MultipleTestingCorrection.BONFERRONI);
        assertThat(s.referenceMode()).isEqualTo(ReferenceMode.GLOBAL);
        assertThat(DriftSettings.fromMap(s.toMap())).isEqualTo(s);
    }

    @Test
    void unparsableValueNamesKeyAndQuotesValue() {
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.WINDOW_ROWS, "abc")))
            .isInstanceOf(InvalidDriftSettingException.class)
            .hasMessage("Invalid value 'abc' for configuration 'drift.window.rows': must be a positive integer");
    }

    @Test
    void slideMustDivideTheWindow() {
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.CHECK_EVERY_ROWS, "300")))
            .hasMessage("Invalid value '300' for configuration 'drift.check.every.rows': must divide drift.window.rows (500)");
    }

    @Test
    void alertThresholdsMustBeStricterThanWarnings() {
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.PSI_ALERT, "0.05")))
            .hasMessageContaining("'drift.psi.alert'").hasMessageContaining("'0.05'");
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.MEAN_SHIFT_ALPHA_ALERT, "0.01")))
            .hasMessageContaining("'drift.meanshift.alpha.alert'").hasMessageContaining("'0.01'");
    }

    @Test
    void unknownCorrectionIsRejectedOnItsKey() {
        InvalidDriftSettingException e = (InvalidDriftSettingException) org.assertj.core.api.Assertions.catchThrowable(
            () -> DriftSettings.fromMap(Map.of(DriftSettings.MEAN_SHIFT_CORRECTION, "holm")));
        assertThat(e.key()).isEqualTo(DriftSettings.MEAN_SHIFT_CORRECTION);
        assertThat(e).hasMessageContaining("'holm'").hasMessageContaining("bonferroni or benjamini-hochberg");
    }

    @Test
    void baselineMustHoldEnoughRowsForTheMeanShiftTest() {
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.BASELINE_ROWS, "50")))
            .hasMessage("Invalid value '50' for configuration 'drift.baseline.rows': must be between drift.meanshift.min.rows (100) and 32767");
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.REFERENCE_MODE, "fleet")))
            .hasMessage("Invalid value 'fleet' for configuration 'drift.reference': must be device or global");
    }

    @Test
    void ignoredFeaturesAndAnomalySkippingAreConfigurable() {
        DriftSettings s = DriftSettings.fromMap(Map.of(DriftSettings.IGNORED_FEATURES, " tcp.seq, udp.stream ,,",
            DriftSettings.SKIP_ANOMALOUS, "FALSE"));
        assertThat(s.ignoredFeatures()).containsExactlyInAnyOrder("tcp.seq", "udp.stream");
        assertThat(s.skipAnomalous()).isFalse();
        assertThat(DriftSettings.DEFAULTS.ignoredFeatures()).contains("tcp.seq", "icmp.seq_le", "mbtcp.trans_id");
        assertThat(DriftSettings.fromMap(s.toMap())).isEqualTo(s);
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.SKIP_ANOMALOUS, "yes")))
            .hasMessage("Invalid value 'yes' for configuration 'drift.window.skip.anomalous': must be true or false");
    }

    @Test
    void negativeOrNonFiniteNumbersAreRejected() {
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.PH_LAMBDA, "-1")))
            .hasMessage("Invalid value '-1.0' for configuration 'drift.ph.lambda': must be a positive number");
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.COOLDOWN_MS, "-5")))
            .hasMessageContaining("'drift.cooldown.ms'");
        assertThatThrownBy(() -> DriftSettings.fromMap(Map.of(DriftSettings.PSI_EPSILON, "NaN")))
            .hasMessageContaining("'drift.psi.epsilon'");
    }
}
