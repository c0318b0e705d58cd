package io.flead.fedavg.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.LocalModelUpdate;
import io.flead.model.ReferenceHistogram;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RoundBufferSerdeTest {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private final Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(10, 60_000, 2));

  @Test
  void aRoundReadsBackWithItsUpdatesInArrivalOrderItsRejectionsAndItsOpening() {
    RoundBuffer buffer = aggregator.empty();
    buffer = aggregator.add(buffer, update("u1", "dev-1", 1_000), 5_000);
    buffer = aggregator.add(buffer, update("u2", "dev-2", 1_001), 5_001);
    buffer = aggregator.add(buffer, update("u1", "dev-1", 1_002), 5_002);
    buffer = aggregator.add(buffer, update("u3", "dev-1", 1_003), 5_003);

    RoundBuffer back = new RoundBufferSerde(4).decode(new RoundBufferSerde(4).encode(buffer));

    assertThat(back.updates()).containsExactlyElementsOf(buffer.updates());
    assertThat(back.updates()).extracting(LocalModelUpdate::updateId).containsExactly("u3", "u2");
    assertThat(back.rejected()).isEqualTo(buffer.rejected()).isNotEmpty();
    assertThat(back.openedMs()).isEqualTo(5_000);
    assertThat(back.seenIds()).containsExactlyElementsOf(buffer.seenIds()).contains("u1", "u2", "u3");
    assertThat(back.seenCapacity()).isEqualTo(buffer.seenCapacity());
  }

  @Test
  void aGrowingRoundGivesTheSameBytesWithOrWithoutItsCachedBlocks() {
    RoundBufferSerde cached = new RoundBufferSerde(2);
    RoundBuffer buffer = aggregator.empty();
    for (int i = 0; i < 6; i++) {
      buffer = cached.decode(cached.encode(aggregator.add(buffer, update("u" + i, "dev-" + i, 1_000 + i), 5_000 + i)));
      byte[] fresh = new RoundBufferSerde(2).encode(buffer);
      assertThat(cached.encode(buffer)).isEqualTo(fresh);
      assertThat(new RoundBufferSerde(2).decode(fresh).updates()).containsExactlyElementsOf(buffer.updates());
    }
    assertThat(buffer.participants()).isEqualTo(6);
  }

  @Test
  void bytesOfAnotherFormatAreRefusedWithAResetHint() {
    assertThatThrownBy(() -> new RoundBufferSerde(2).decode(new byte[] {7, 1, 2})).isInstanceOf(SerializationException.class)
        .hasMessageContaining("fedavg round buffer of 3 bytes").hasMessageContaining("reset the fedavg application");
    byte[] cut = new RoundBufferSerde(2).encode(aggregator.add(aggregator.empty(), update("u1", "dev-1", 1), 2));
    assertThatThrownBy(() -> new RoundBufferSerde(2).decode(Arrays.copyOf(cut, cut.length - 5)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("fedavg round buffer");
  }

  private static LocalModelUpdate update(String id, String device, long ts) {
    FeatureStats stats = FeatureStats.of(new double[][] {{10, 1}, {12, 0}, {11, 1}, {30, 2}}, FEATURES.size());
    ReferenceHistogram histogram = null;
    if (ts % 2 == 1) {
      histogram = ReferenceHistogram.relativeTo(0, stats);
      histogram.add(new double[] {11, 1});
    }
    return new LocalModelUpdate(id, device, 0, ts, 4, FEATURES, new double[] {0.5, 0.1}, -1.0, stats, 0.3,
        Eval.counts(1, 0, 3, 0), histogram);
  }
}
