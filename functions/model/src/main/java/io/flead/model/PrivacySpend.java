package io.flead.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The differential privacy a global version has spent, carried in the model so that whoever reads a version knows what
 * its publication cost: {@code rounds} noisy versions with noise multiplier {@code noise_multiplier} at device sampling
 * rate {@code sampling_rate} amount to ({@code epsilon}, {@code delta})-DP for any one device's updates.
 *
 * @param rounds          noisy versions published so far in this chain of versions, this one included
 * @param noiseMultiplier the noise multiplier z of this version
 * @param samplingRate    the device sampling rate the accountant assumed (1: no amplification by sampling)
 * @param epsilon         ε after {@code rounds} rounds at {@code delta}
 * @param delta           δ
 */
public record PrivacySpend(
    @JsonProperty(value = "rounds", required = true) long rounds,
    @JsonProperty(value = "noise_multiplier", required = true) double noiseMultiplier,
    @JsonProperty(value = "sampling_rate", required = true) double samplingRate,
    @JsonProperty(value = "epsilon", required = true) double epsilon,
    @JsonProperty(value = "delta", required = true) double delta) {
}
