package io.flead.platform.api;

import io.flead.fedavg.streams.RoundReply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code POST /api/rounds/close}: asks fedavg to close the open round now; 200 with the version, 409 with the reason. */
final class RoundResource {
    private RoundResource() {
    }

    static Object close(ApiContext c, Request r) throws Exception {
        int timeoutMs = r.query().allowOnly(Set.of("timeout_ms")).intValue("timeout_ms", 15_000, 100, 60_000);
        Optional<RoundReply> reply = c.rounds().closeNow(Duration.ofMillis(timeoutMs));
        if (reply.isEmpty()) {
            throw new ApiException(504, "timeout_ms", "fedavg did not answer within " + timeoutMs
                + " ms: is it running with round control (topic.round.control)?");
        }
        RoundReply rr = reply.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("closed", rr.closed());
        body.put("version", rr.version());
        body.put("round", rr.round());
        body.put("participants", rr.participants());
        body.put("min_participants", rr.minParticipants());
        body.put("reason", rr.reason());
        return rr.closed() ? body : new Router.Reply(409, body);
    }
}
