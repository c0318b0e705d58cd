package io.flead.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A drift finding for one device and feature on {@code drift-alerts}: the method, statistic and threshold. */
public record DriftAlert(
    @JsonProperty(value = "device_id", required = true) String deviceId,
    @JsonProperty(value = "ts", required = true) long ts,
    @JsonProperty(value = "feature", required = true) String feature,
    @JsonProperty(value = "method", required = true) String method,
    @JsonProperty(value = "statistic", required = true) double statistic,
    @JsonProperty(value = "threshold", required = true) double threshold,
    @JsonProperty(value = "severity", required = true) String severity,
    @JsonProperty(value = "model_version", required = true) long modelVersion,
    @JsonProperty(value = "window_n", required = true) long windowN) {

    public DriftAlert {
        Require.nonNull(deviceId, "device_id");
        Require.nonNull(feature, "feature");
        Require.nonNull(method, "method");
        Require.nonNull(severity, "severity");
    }
}
