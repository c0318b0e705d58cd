package io.flead.fedavg.lambda;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import java.util.List;
import java.util.Map;

/**
 * fedavg's open round as the Lambda shell keeps it between invocations, on its compacted state topic: the accepted
 * updates in arrival order (one per device), the rejections not yet reported, the opening time and the update ids
 * seen, so that a redelivered batch is rejected as duplicates by whichever container reads it.
 */
public record OpenRound(
    @JsonProperty("opened_ms") long openedMs,
    @JsonProperty("updates") List<LocalModelUpdate> updates,
    @JsonProperty("rejected") List<Rejection> rejected,
    @JsonProperty("rejected_counts") Map<String, Long> rejectedCounts,
    @JsonProperty("seen_ids") List<String> seenIds) {

  /**
   * Update ids kept with the round, newest last: enough for the redeliveries of the last batches (Lambda retries a
   * batch right after it failed), small enough that the record stays far below a broker's default message size.
   */
  public static final int SEEN_IDS_KEPT = 2_000;

  public static OpenRound of(RoundBuffer round) {
    List<String> seen = List.copyOf(round.seenIds());
    return new OpenRound(round.openedMs(), List.copyOf(round.updates()), List.copyOf(round.rejected()),
        Map.copyOf(round.rejectedCounts()), seen.subList(Math.max(0, seen.size() - SEEN_IDS_KEPT), seen.size()));
  }

  public RoundBuffer toBuffer(int seenCapacity) {
    return RoundBuffer.restore(seenCapacity, seenIds, openedMs, updates, rejected, rejectedCounts);
  }
}
