package io.flead.localtrain.streams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A device's open window as the Streams shell stores it: when it opened (wall clock), the range of row slots
 * {@code [first, next)} it holds, and the rows counted since the last update (including rows the bound dropped).
 */
record WindowHead(long openedTs, long first, long next, long rowsSinceEmit) {

  private static final int BYTES = 4 * Long.BYTES;

  /** The head of a window that opens at {@code now}. */
  static WindowHead opening(long now) {
    return new WindowHead(now, 0, 0, 0);
  }

  int size() {
    return (int) (next - first);
  }

  /** This head after one more row, dropping the oldest slot when the window would exceed {@code maxRows}. */
  WindowHead appended(int maxRows) {
    long newFirst = next + 1 - first > maxRows ? first + 1 : first;
    return new WindowHead(openedTs, newFirst, next + 1, rowsSinceEmit + 1);
  }

  static Serde<WindowHead> serde() {
    return Serdes.serdeFrom((topic, head) -> head == null ? null : encode(head), (topic, bytes) -> decode(bytes));
  }

  private static byte[] encode(WindowHead head) {
    return ByteBuffer.allocate(BYTES).putLong(head.openedTs).putLong(head.first).putLong(head.next)
        .putLong(head.rowsSinceEmit).array();
  }

  private static WindowHead decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length != BYTES) {
      throw new SerializationException("A local-train window head has " + BYTES + " bytes, got " + bytes.length
          + " (a store written by an older build: reset the local-train application)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return new WindowHead(b.getLong(), b.getLong(), b.getLong(), b.getLong());
  }
}
