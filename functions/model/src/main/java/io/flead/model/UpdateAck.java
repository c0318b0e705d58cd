package io.flead.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * fedavg's word to local training that it has consumed a device's update, on the compacted {@code fedavg-consumed}
 * topic keyed by device: the update went into {@code version} ({@code outcome} {@value #ACCEPTED}), or was
 * rejected on arrival ({@code outcome} the rejection's code, {@code reason} its detail). Local training sends a
 * device's next update only after the previous one was consumed, so a slow aggregator makes windows grow instead of
 * a backlog of updates that would arrive stale.
 *
 * @param lastSeq the {@code seq} of the last row the update was trained on (null when the update did not say)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateAck(
    @JsonProperty(value = "device_id", required = true) String deviceId,
    @JsonProperty(value = "update_id", required = true) String updateId,
    @JsonProperty(value = "base_version", required = true) long baseVersion,
    @JsonProperty("last_seq") Long lastSeq,
    @JsonProperty("version") Long version,
    @JsonProperty(value = "outcome", required = true) String outcome,
    @JsonProperty("reason") String reason,
    @JsonProperty(value = "ts", required = true) long ts) {

    public static final String ACCEPTED = "accepted";

    public UpdateAck {
        Require.nonNull(deviceId, "device_id");
        Require.nonNull(updateId, "update_id");
        Require.nonNull(outcome, "outcome");
    }

    /** True when this acknowledges the update {@code updateId} trained up to {@code lastSeqOfUpdate}, or a later one. */
    public boolean covers(String inFlightUpdateId, long inFlightLastSeq) {
        return updateId.equals(inFlightUpdateId) || (lastSeq != null && inFlightLastSeq >= 0 && lastSeq >= inFlightLastSeq);
    }

    public boolean accepted() {
        return ACCEPTED.equals(outcome);
    }
}
