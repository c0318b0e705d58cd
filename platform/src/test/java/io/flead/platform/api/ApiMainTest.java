package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.ReferenceMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiMainTest {

    @Test
    void theStandaloneApiChecksDriftWithTheSettingsItsDriftCheckReadsFromTheSameVariables() {
        Map<String, String> env = Map.of("FLEAD_BOOTSTRAP_SERVERS", "kafka:9092", "FLEAD_DRIFT_WINDOW_ROWS", "300",
            "FLEAD_DRIFT_REFERENCE", "global");

        DriftSettings drift = ApiMain.driftSettings(env);

        assertThat(drift.windowRows()).isEqualTo(300);
        assertThat(drift.referenceMode()).isEqualTo(ReferenceMode.GLOBAL);
        assertThat(drift.withReferenceMode(ReferenceMode.DEVICE).toMap())
            .isEqualTo(new java.util.LinkedHashMap<>(DriftSettings.DEFAULTS.toMap()) {{
                put(DriftSettings.WINDOW_ROWS, "300");
            }});
    }
}
