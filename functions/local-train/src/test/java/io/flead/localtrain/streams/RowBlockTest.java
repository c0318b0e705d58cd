package io.flead.localtrain.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class RowBlockTest {

  private static final Serde<RowBlock> SERDE = RowBlock.serde(2);

  @Test
  void aBlockIsReadBackWithTheRowsFilledSoFar() {
    RowBlock block = new RowBlock(2);
    block.put(16, new double[] {1.5, Double.NaN}, 1, 100);
    block.put(17, new double[] {-2.0, 3.0}, -1, 101);

    RowBlock read = SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", block));

    double[] row = new double[2];
    assertThat(read.copy(16, row)).isTrue();
    assertThat(row).containsExactly(1.5, Double.NaN);
    assertThat(read.label(16)).isEqualTo(1);
    assertThat(read.seq(16)).isEqualTo(100);
    assertThat(read.copy(17, row)).isTrue();
    assertThat(row).containsExactly(-2.0, 3.0);
    assertThat(read.label(17)).isEqualTo(-1);
    assertThat(read.seq(17)).isEqualTo(101);
    assertThat(read.copy(18, row)).isFalse();
  }

  @Test
  void aBlockGrowsToItsFullSizeKeepingEveryRow() {
    RowBlock block = new RowBlock(2);
    for (long slot = RowBlock.ROWS; slot < 2 * RowBlock.ROWS; slot++) {
      block.put(slot, new double[] {slot, -slot}, (int) (slot % 2), 1000 + slot);
    }

    RowBlock read = SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", block));

    double[] row = new double[2];
    for (long slot = RowBlock.ROWS; slot < 2 * RowBlock.ROWS; slot++) {
      for (RowBlock b : new RowBlock[] {block, read}) {
        assertThat(b.copy(slot, row)).isTrue();
        assertThat(row).containsExactly(slot, -slot);
        assertThat(b.label(slot)).isEqualTo(slot % 2);
        assertThat(b.seq(slot)).isEqualTo(1000 + slot);
      }
    }
  }

  @Test
  void aBlockOfAnotherFeatureCountIsRejectedWithItsSize() {
    RowBlock three = new RowBlock(3);
    three.put(0, new double[] {1, 2, 3}, 0, 1);
    byte[] bytes = RowBlock.serde(3).serializer().serialize("t", three);

    assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("has 33 bytes")
        .hasMessageContaining("rows of 2 features (25 bytes each)");
  }

  @Test
  void theBlockOfASlotIsItsIndexDividedByTheBlockSize() {
    assertThat(RowBlock.index(0)).isZero();
    assertThat(RowBlock.index(RowBlock.ROWS - 1)).isZero();
    assertThat(RowBlock.index(RowBlock.ROWS)).isEqualTo(1);
  }
}
