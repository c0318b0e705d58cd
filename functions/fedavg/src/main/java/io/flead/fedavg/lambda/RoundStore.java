package io.flead.fedavg.lambda;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.JsonCodec;
import io.flead.runtime.lambda.CompactedTopicReader;
import io.flead.runtime.lambda.Outputs;
import java.util.function.Supplier;

/** Where fedavg's Lambda shell keeps the open round between invocations. */
interface RoundStore {

  /** The round as last committed. */
  RoundBuffer load(Aggregator aggregator);

  /**
   * Sends the round with the batch's outputs: it is stored when they are committed ({@link #committed}).
   *
   * @return how many records that sent
   */
  int save(Outputs outputs, RoundBuffer round);

  /** The outputs carrying the last saved round were committed. */
  void committed();

  /** In this container's memory (tests, and a handler given its outputs). */
  static RoundStore inMemory() {
    return new RoundStore() {
      private RoundBuffer stored;
      private RoundBuffer saved;

      @Override
      public RoundBuffer load(Aggregator aggregator) {
        return stored != null ? OpenRound.of(stored).toBuffer(aggregator.settings().seenIdsCapacity())
            : aggregator.empty();
      }

      @Override
      public int save(Outputs outputs, RoundBuffer round) {
        saved = round;
        return 0;
      }

      @Override
      public void committed() {
        stored = saved;
      }
    };
  }

  /**
   * On a compacted, single-partition topic under the model's name, written in the transaction of the batch's outputs
   * and read back {@code read_committed}: the round outlives the container, and a fenced container's round is never read.
   */
  static RoundStore onTopic(Supplier<CompactedTopicReader> reader, String topic, String key) {
    return new RoundStore() {
      @Override
      public RoundBuffer load(Aggregator aggregator) {
        byte[] value = reader.get().latest(key);
        return value == null ? aggregator.empty()
            : JsonCodec.decode(value, OpenRound.class).toBuffer(aggregator.settings().seenIdsCapacity());
      }

      @Override
      public int save(Outputs outputs, RoundBuffer round) {
        outputs.send(topic, key, JsonCodec.encode(OpenRound.of(round)));
        return 1;
      }

      @Override
      public void committed() {
      }
    };
  }
}
