package io.flead.localtrain.streams;

import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Streams shell's storage of local-train windows: a small {@link WindowHead} per device and the rows in
 * {@link RowBlock}s of {@value RowBlock#ROWS} slots, keyed {@code <device>\u0000<block index>}. Both stores keep
 * their values as objects between commits, so a row is an append to an object in memory; a block is serialised
 * once per commit (and not at all when its window is emitted and cleared before the commit), and a window is read
 * back from the same objects when an update is due.
 */
final class WindowRows {

  private static final char SEPARATOR = '\u0000';

  private final KeyValueStore<String, WindowHead> heads;
  private final KeyValueStore<String, RowBlock> blocks;
  private final int maxRows;
  private final int dimension;

  WindowRows(KeyValueStore<String, WindowHead> heads, KeyValueStore<String, RowBlock> blocks, int maxRows,
      int dimension) {
    this.heads = heads;
    this.blocks = blocks;
    this.maxRows = maxRows;
    this.dimension = dimension;
  }

  /** The device's open window, or null when it has none. */
  WindowHead head(String device) {
    return heads.get(device);
  }

  /** Appends a row to the device's window (opening it at {@code now} when {@code head} is null); returns the new head. */
  WindowHead append(String device, WindowHead head, double[] row, int label, long seq, long now) {
    WindowHead current = head == null ? WindowHead.opening(now) : head;
    WindowHead next = current.appended(maxRows);
    long slot = current.next();
    String key = key(device, RowBlock.index(slot));
    RowBlock block = slot % RowBlock.ROWS == 0 ? new RowBlock(dimension) : stored(device, key, slot);
    block.put(slot, row, label, seq);
    blocks.put(key, block);
    if (RowBlock.index(next.first()) > RowBlock.index(current.first())) {
      blocks.put(key(device, RowBlock.index(current.first())), null);
    }
    heads.put(device, next);
    return next;
  }

  /** The window's rows, oldest first, as the core's fold state. */
  DeviceWindow load(String device, WindowHead head, LocalTrainer trainer) {
    DeviceWindow window = trainer.empty(device);
    double[] row = new double[dimension];
    RowBlock block = null;
    for (long slot = head.first(); slot < head.next(); slot++) {
      if (block == null || slot % RowBlock.ROWS == 0) {
        block = stored(device, key(device, RowBlock.index(slot)), slot);
      }
      if (!block.copy(slot, row)) {
        throw missing(device, slot);
      }
      trainer.addRow(window, row, block.label(slot), block.seq(slot), head.openedTs());
    }
    return window;
  }

  /** Removes the device's window and its rows. */
  void clear(String device, WindowHead head) {
    for (long index = RowBlock.index(head.first()); index <= RowBlock.index(head.next() - 1); index++) {
      blocks.put(key(device, index), null);
    }
    heads.put(device, null);
  }

  private RowBlock stored(String device, String key, long slot) {
    RowBlock block = blocks.get(key);
    if (block == null) {
      throw missing(device, slot);
    }
    return block;
  }

  private static IllegalStateException missing(String device, long slot) {
    return new IllegalStateException("The local-train window of device '" + device + "' has no stored row in slot "
        + slot + " (block '" + key(device, RowBlock.index(slot)).replace(SEPARATOR, '/') + "')");
  }

  static String key(String device, long blockIndex) {
    return device + SEPARATOR + blockIndex;
  }
}
