package io.flead.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An update refused by the aggregator, with the reason, reported in the next global model. */
public record Rejection(
    @JsonProperty(value = "update_id", required = true) String updateId,
    @JsonProperty(value = "reason", required = true) String reason) {

    public Rejection {
        Require.nonNull(updateId, "update_id");
        Require.nonNull(reason, "reason");
    }

    /** The stable code a reason starts with ({@code stale: base_version …} has code {@code stale}). */
    public static String code(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }
}
