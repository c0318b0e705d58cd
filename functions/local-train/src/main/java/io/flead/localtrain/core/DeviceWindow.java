package io.flead.localtrain.core;

import java.util.Arrays;

/**
 * The bounded per-device state of local training: the most recent rows (raw feature values, NaN for
 * missing), their labels (-1 when unlabelled) and sequence numbers, in a ring of at most
 * {@code maxRows} rows. Storage grows on demand, so a device that emits every 50 rows holds 50 rows.
 */
public final class DeviceWindow {
    static final byte UNLABELLED = -1;

    private final String deviceId;
    private final int dimension;
    private final int maxRows;
    private double[] rows = new double[0];
    private byte[] labels = new byte[0];
    private long[] seqs = new long[0];
    private int head;
    private int size;
    private long rowsSinceEmit;
    private long openedTs = Long.MIN_VALUE;

    DeviceWindow(String deviceId, int dimension, int maxRows) {
        this.deviceId = deviceId;
        this.dimension = dimension;
        this.maxRows = maxRows;
    }

    /** Appends a row, dropping the oldest one when the window is full. */
    void append(double[] row, int label, long seq, long ts) {
        if (size == 0 && rowsSinceEmit == 0) {
            openedTs = ts;
        }
        int slot;
        if (size < maxRows) {
            ensureCapacity(size + 1);
            slot = (head + size) % capacity();
            size++;
        } else {
            slot = head;
            head = (head + 1) % capacity();
        }
        System.arraycopy(row, 0, rows, slot * dimension, dimension);
        labels[slot] = (byte) label;
        seqs[slot] = seq;
        rowsSinceEmit++;
    }

    /** Copies the rows oldest first into {@code out} (row-major) and labels into {@code labelsOut}. */
    void copyInOrder(double[] out, byte[] labelsOut) {
        for (int k = 0; k < size; k++) {
            int slot = (head + k) % capacity();
            System.arraycopy(rows, slot * dimension, out, k * dimension, dimension);
            labelsOut[k] = labels[slot];
        }
    }

    void clear() {
        head = 0;
        size = 0;
        rowsSinceEmit = 0;
        openedTs = Long.MIN_VALUE;
        rows = new double[0];
        labels = new byte[0];
        seqs = new long[0];
    }

    private void ensureCapacity(int needed) {
        if (needed <= capacity()) {
            return;
        }
        int newCapacity = Math.min(maxRows, Math.max(needed, Math.max(16, capacity() * 2)));
        rows = Arrays.copyOf(rows, newCapacity * dimension);
        labels = Arrays.copyOf(labels, newCapacity);
        seqs = Arrays.copyOf(seqs, newCapacity);
    }

    private int capacity() {
        return labels.length;
    }

    public String deviceId() {
        return deviceId;
    }

    public int dimension() {
        return dimension;
    }

    /** Rows currently held (at most {@code maxRows}). */
    public int size() {
        return size;
    }

    /** Rows added since the last emitted update, including rows the bound has dropped. */
    public long rowsSinceEmit() {
        return rowsSinceEmit;
    }

    /** Event time of the first row since the last update, or {@code Long.MIN_VALUE} when empty. */
    public long openedTs() {
        return openedTs;
    }

    public long firstSeq() {
        return size == 0 ? -1 : seqs[head];
    }

    public long lastSeq() {
        return size == 0 ? -1 : seqs[(head + size - 1) % capacity()];
    }

    /** Rows of storage allocated (for the bounded-state test). */
    int allocatedRows() {
        return capacity();
    }
}
