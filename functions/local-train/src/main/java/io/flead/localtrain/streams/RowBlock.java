package io.flead.localtrain.streams;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@value #ROWS} consecutive row slots of a device's window ({@code [index * ROWS, index * ROWS + ROWS)}), filled
 * from the block's start: each row's label, seq and feature values. Mutable: the Streams shell appends to the same
 * object between commits and it is serialised once per commit, as the rows filled so far. A new block has room for
 * half its rows and grows once, so the open blocks of many slow devices' windows between commits stay small.
 */
final class RowBlock {

  /**
   * Slots per block. A block is rewritten whole at each commit it is open across, so a device with a row per commit
   * interval sends (ROWS + 1) / 2 rows of changelog bytes per row; a larger block saves only map lookups at an emit.
   */
  static final int ROWS = 4;
  /** Rows a new block has room for before it grows (once) to {@link #ROWS}. */
  private static final int FIRST_CAPACITY = ROWS / 2;

  private final int dimension;
  private double[] values;
  private byte[] labels;
  private long[] seqs;
  private int filled;

  RowBlock(int dimension) {
    this(dimension, FIRST_CAPACITY);
  }

  private RowBlock(int dimension, int capacity) {
    this.dimension = dimension;
    this.values = new double[capacity * dimension];
    this.labels = new byte[capacity];
    this.seqs = new long[capacity];
  }

  /** The block holding {@code slot}. */
  static long index(long slot) {
    return slot / ROWS;
  }

  /** Writes the row of {@code slot} (the block's next slot: rows are appended in slot order). */
  void put(long slot, double[] row, int label, long seq) {
    int offset = (int) (slot % ROWS);
    if (offset >= labels.length) {
      int capacity = Math.min(ROWS, Math.max(offset + 1, 2 * labels.length));
      values = Arrays.copyOf(values, capacity * dimension);
      labels = Arrays.copyOf(labels, capacity);
      seqs = Arrays.copyOf(seqs, capacity);
    }
    System.arraycopy(row, 0, values, offset * dimension, dimension);
    labels[offset] = (byte) label;
    seqs[offset] = seq;
    filled = offset + 1;
  }

  /** Copies the row of {@code slot} into {@code out}; false when the block does not hold that slot. */
  boolean copy(long slot, double[] out) {
    int offset = (int) (slot % ROWS);
    if (offset >= filled) {
      return false;
    }
    System.arraycopy(values, offset * dimension, out, 0, dimension);
    return true;
  }

  int label(long slot) {
    return labels[(int) (slot % ROWS)];
  }

  long seq(long slot) {
    return seqs[(int) (slot % ROWS)];
  }

  /** Serialises the filled rows, each as label (1 byte), seq (8 bytes) and the feature values. */
  static Serde<RowBlock> serde(int dimension) {
    return Serdes.serdeFrom((topic, block) -> block == null ? null : block.encode(),
        (topic, bytes) -> bytes == null ? null : decode(bytes, dimension));
  }

  private static int rowBytes(int dimension) {
    return 1 + Long.BYTES + dimension * Double.BYTES;
  }

  private byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(filled * rowBytes(dimension));
    for (int k = 0; k < filled; k++) {
      b.put(labels[k]).putLong(seqs[k]);
      for (int j = k * dimension; j < (k + 1) * dimension; j++) {
        b.putDouble(values[j]);
      }
    }
    return b.array();
  }

  private static RowBlock decode(byte[] bytes, int dimension) {
    int rowBytes = rowBytes(dimension);
    if (bytes.length % rowBytes != 0 || bytes.length / rowBytes > ROWS) {
      throw new SerializationException("A stored local-train row block has " + bytes.length + " bytes, not up to "
          + ROWS + " rows of " + dimension + " features (" + rowBytes + " bytes each): reset the local-train"
          + " application after changing features or upgrading from a store of single rows");
    }
    RowBlock block = new RowBlock(dimension, Math.max(1, bytes.length / rowBytes));
    ByteBuffer b = ByteBuffer.wrap(bytes);
    block.filled = bytes.length / rowBytes;
    for (int k = 0; k < block.filled; k++) {
      block.labels[k] = b.get();
      block.seqs[k] = b.getLong();
      b.asDoubleBuffer().get(block.values, k * dimension, dimension);
      b.position(b.position() + dimension * Double.BYTES);
    }
    return block;
  }
}
