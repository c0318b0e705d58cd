package io.flead.connect.csv;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.Function;

/**
 * Orders the items of a task's device files: each file in its own order, and across files either
 * round-robin (one item per file in turn) or by event time (a k-way merge of the files' next items).
 * At most {@code maxOpen} files are open at once; the next file opens when one finishes.
 */
public final class ReplaySchedule implements AutoCloseable {

    private final Iterator<String> waiting;
    private final Function<String, DeviceFileCursor> opener;
    private final int maxOpen;
    private final boolean byTime;
    private final Deque<DeviceFileCursor> turns = new ArrayDeque<>();
    private final Queue<DeviceFileCursor> merge = new PriorityQueue<>(
            Comparator.comparingLong(ReplaySchedule::nextTime));
    private int open;

    /** A schedule over {@code files}, opened with {@code opener}. */
    public ReplaySchedule(List<String> files, Function<String, DeviceFileCursor> opener, int maxOpen, boolean byTime) {
        this.waiting = List.copyOf(files).iterator();
        this.opener = opener;
        this.maxOpen = maxOpen;
        this.byTime = byTime;
    }

    private static long nextTime(DeviceFileCursor cursor) {
        ReplayItem item = cursor.peek();
        return item == null || item.isBad() ? Long.MIN_VALUE : item.ts();
    }

    /** The next item without consuming it, or null when every file is done. */
    public ReplayItem peek() {
        while (true) {
            openMore();
            DeviceFileCursor head = byTime ? merge.peek() : turns.peekFirst();
            if (head == null) {
                return null;
            }
            ReplayItem item = head.peek();
            if (item != null) {
                return item;
            }
            finish(head);
        }
    }

    /** Consumes the item {@link #peek()} returned and moves to the next file in turn. */
    public ReplayItem take() {
        ReplayItem item = peek();
        if (item == null) {
            return null;
        }
        if (byTime) {
            DeviceFileCursor head = merge.poll();
            head.take();
            merge.add(head);
        } else {
            DeviceFileCursor head = turns.pollFirst();
            head.take();
            turns.addLast(head);
        }
        return item;
    }

    private void finish(DeviceFileCursor cursor) {
        if (byTime) {
            merge.poll();
        } else {
            turns.pollFirst();
        }
        cursor.close();
        open--;
    }

    private void openMore() {
        while (open < maxOpen && waiting.hasNext()) {
            DeviceFileCursor cursor = opener.apply(waiting.next());
            open++;
            if (byTime) {
                merge.add(cursor);
            } else {
                turns.addLast(cursor);
            }
        }
    }

    @Override
    public void close() {
        turns.forEach(DeviceFileCursor::close);
        merge.forEach(DeviceFileCursor::close);
        turns.clear();
        merge.clear();
    }
}
