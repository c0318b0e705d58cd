package io.flead.fedavg.streams;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.Rejection;
import java.util.List;
import java.util.Map;

/**
 * The small part of the open round in its store (the accepted updates are entries of their own, one per device):
 * when it opened, the rejections since the last version, the version the round builds on, and a generation that
 * changes with every change of the round, so a processor can tell whether the round it keeps in memory is the stored one.
 */
record RoundHeader(@JsonProperty("generation") long generation, @JsonProperty("version") long version,
                   @JsonProperty("opened_ms") long openedMs, @JsonProperty("rejected") List<Rejection> rejected,
                   @JsonProperty("rejected_counts") Map<String, Long> rejectedCounts) {

  RoundHeader {
    rejected = rejected == null ? List.of() : List.copyOf(rejected);
    rejectedCounts = rejectedCounts == null ? Map.of() : Map.copyOf(rejectedCounts);
  }

  static final RoundHeader NONE = new RoundHeader(0, 0, Long.MIN_VALUE, List.of(), Map.of());

  /** The header of {@code buffer}, one generation on from this one, building on {@code onVersion}. */
  RoundHeader next(RoundBuffer buffer, long onVersion) {
    return new RoundHeader(generation + 1, Math.max(version, onVersion), buffer.openedMs(), buffer.rejected(),
        buffer.rejectedCounts());
  }
}
