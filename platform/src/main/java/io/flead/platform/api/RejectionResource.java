package io.flead.platform.api;

import io.flead.model.GlobalModel;
import io.flead.platform.status.UpdateAcks;
import io.flead.platform.up.RejectionTally;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/rejections}: the updates fedavg rejected (acknowledged on {@code fedavg-consumed}) after the latest
 * global version, by reason; the versions' own {@code rejected_counts} cover the rest, so rejections stay visible
 * while no version is published.
 */
final class RejectionResource {
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    private RejectionResource() {
    }

    static Object afterLatest(ApiContext c, Request r) throws Exception {
        r.query().allowOnly(Set.of());
        GlobalModel latest = c.models.current();
        long since = latest == null ? Long.MIN_VALUE : latest.ts();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("latest_version", latest == null ? null : latest.version());
        body.put("since", latest == null ? null : Instant.ofEpochMilli(since).toString());
        body.put("rejected_after", RejectionTally.after(UpdateAcks.readSince(c.settings.kafkaClient(), since,
            KAFKA_TIMEOUT), since));
        return body;
    }
}
