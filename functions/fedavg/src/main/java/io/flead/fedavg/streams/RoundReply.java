package io.flead.fedavg.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * fedavg's answer to a {@link RoundCommand} on the replies topic: the version produced, or why no round closed.
 *
 * @param participants devices in the round when the command arrived
 * @param version      the new global version when {@code closed}, else null
 * @param reason       why no round closed, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoundReply(@JsonProperty("request_id") String requestId, @JsonProperty("closed") boolean closed,
                         @JsonProperty("version") Long version, @JsonProperty("round") Long round,
                         @JsonProperty("participants") int participants,
                         @JsonProperty("min_participants") int minParticipants,
                         @JsonProperty("reason") String reason, @JsonProperty("ts") long ts) {
}
