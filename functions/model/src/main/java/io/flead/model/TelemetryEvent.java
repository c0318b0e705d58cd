package io.flead.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of device telemetry on {@code edge-iiot-stream}: numeric features by name, the label
 * (0/1, or null when unlabelled) and the attack type (null when unknown).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TelemetryEvent(
    @JsonProperty(value = "device_id", required = true) String deviceId,
    @JsonProperty(value = "ts", required = true) long ts,
    @JsonProperty(value = "seq", required = true) long seq,
    @JsonProperty(value = "features", required = true) Map<String, Double> features,
    @JsonProperty("label") Integer label,
    @JsonProperty("attack_type") String attackType) {

    public TelemetryEvent {
        Require.nonNull(deviceId, "device_id");
        Require.nonNull(features, "features");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        if (label != null && label != 0 && label != 1) {
            throw new IllegalArgumentException("field 'label' must be 0, 1 or null, got " + label);
        }
    }

    public boolean labelled() {
        return label != null;
    }
}
