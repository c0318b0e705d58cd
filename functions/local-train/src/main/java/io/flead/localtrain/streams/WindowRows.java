package io.flead.localtrain.streams;

import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainer;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Streams shell's storage of local-train windows: a small {@link WindowHead} per device and one store entry
 * per row, keyed {@code <device>\u0000<slot, 16 hex digits>}. A row costs one small write (its own bytes go to the
 * changelog once) instead of a rewrite of the whole window; the window is read back only when an update is due.
 */
final class WindowRows {

  private static final char SEPARATOR = '\u0000';

  private final KeyValueStore<String, WindowHead> heads;
  private final KeyValueStore<String, byte[]> rows;
  private final int maxRows;

  WindowRows(KeyValueStore<String, WindowHead> heads, KeyValueStore<String, byte[]> rows, int maxRows) {
    this.heads = heads;
    this.rows = rows;
    this.maxRows = maxRows;
  }

  /** The device's open window, or null when it has none. */
  WindowHead head(String device) {
    return heads.get(device);
  }

  /** Appends a row to the device's window (opening it at {@code now} when {@code head} is null); returns the new head. */
  WindowHead append(String device, WindowHead head, double[] row, int label, long seq, long now) {
    WindowHead current = head == null ? WindowHead.opening(now) : head;
    WindowHead next = current.appended(maxRows);
    rows.put(key(device, current.next()), encode(row, label, seq));
    if (next.first() > current.first()) {
      rows.put(key(device, current.first()), null);
    }
    heads.put(device, next);
    return next;
  }

  /** The window's rows, oldest first, as the core's fold state. */
  DeviceWindow load(String device, WindowHead head, LocalTrainer trainer) {
    DeviceWindow window = trainer.empty(device);
    double[] row = new double[trainer.featureSpace().dimension()];
    try (KeyValueIterator<String, byte[]> it = rows.range(key(device, head.first()), key(device, head.next() - 1))) {
      while (it.hasNext()) {
        ByteBuffer b = ByteBuffer.wrap(it.next().value);
        int label = b.get();
        long seq = b.getLong();
        if (b.remaining() != row.length * Double.BYTES) {
          throw new SerializationException("A stored row of device '" + device + "' has " + b.remaining() / Double.BYTES
              + " features, local-train has " + row.length + " (reset the local-train application after changing features)");
        }
        b.asDoubleBuffer().get(row);
        trainer.addRow(window, row, label, seq, head.openedTs());
      }
    }
    return window;
  }

  /** Removes the device's window and its rows. */
  void clear(String device, WindowHead head) {
    for (long slot = head.first(); slot < head.next(); slot++) {
      rows.put(key(device, slot), null);
    }
    heads.put(device, null);
  }

  private static byte[] encode(double[] row, int label, long seq) {
    ByteBuffer b = ByteBuffer.allocate(1 + Long.BYTES + row.length * Double.BYTES).put((byte) label).putLong(seq);
    b.asDoubleBuffer().put(row);
    return b.array();
  }

  static String key(String device, long slot) {
    String hex = Long.toHexString(slot);
    return device + SEPARATOR + "0".repeat(16 - hex.length()) + hex;
  }
}
