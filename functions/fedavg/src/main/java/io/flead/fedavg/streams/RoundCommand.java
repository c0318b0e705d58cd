package io.flead.fedavg.streams;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A request on the round-control topic, e.g. {@code {"command":"close-round","request_id":"…"}}: the REST API's
 * "close the current round now" (after drift, say).
 */
public record RoundCommand(@JsonProperty("command") String command, @JsonProperty("request_id") String requestId,
                           @JsonProperty("ts") Long ts) {
    public static final String CLOSE_ROUND = "close-round";
}
