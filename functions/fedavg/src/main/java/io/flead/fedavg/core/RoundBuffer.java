package io.flead.fedavg.core;

import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The state of the round being collected: the latest accepted update per device, the rejections so far,
 * the time the round opened, and a bounded, oldest-first set of update ids already seen.
 */
public final class RoundBuffer implements SeenUpdateIds {
    private final Map<String, LocalModelUpdate> latestByDevice = new LinkedHashMap<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private final LinkedHashSet<String> seenIds;
    private final int seenCapacity;
    private long openedMs = Long.MIN_VALUE;

    RoundBuffer(int seenCapacity, LinkedHashSet<String> seenIds) {
        this.seenCapacity = seenCapacity;
        this.seenIds = seenIds;
    }

    @Override
    public boolean seen(String updateId) {
        return seenIds.contains(updateId);
    }

    @Override
    public void remember(String updateId) {
        seenIds.add(updateId);
        while (seenIds.size() > seenCapacity) {
            String oldest = seenIds.iterator().next();
            seenIds.remove(oldest);
        }
    }

    void reject(String updateId, String reason) {
        rejected.add(new Rejection(updateId, reason));
    }

    /** Keeps {@code update} unless the device already has a newer one; returns the displaced update, if any. */
    LocalModelUpdate offer(LocalModelUpdate update, long nowMs) {
        if (latestByDevice.isEmpty() && openedMs == Long.MIN_VALUE) {
            openedMs = nowMs;
        }
        LocalModelUpdate current = latestByDevice.get(update.deviceId());
        if (current != null && newer(current, update)) {
            return update;
        }
        latestByDevice.put(update.deviceId(), update);
        return current;
    }

    private static boolean newer(LocalModelUpdate a, LocalModelUpdate b) {
        return a.baseVersion() != b.baseVersion() ? a.baseVersion() > b.baseVersion() : a.ts() > b.ts();
    }

    /**
     * A buffer rebuilt from the parts a shell stored: the updates in arrival order (one per device), the
     * rejections, the opening time and the ids seen.
     */
    public static RoundBuffer restore(int seenCapacity, Collection<String> seenIds, long openedMs,
                                      Collection<LocalModelUpdate> updates, List<Rejection> rejected) {
        RoundBuffer buffer = new RoundBuffer(seenCapacity, new LinkedHashSet<>(seenIds));
        buffer.openedMs = openedMs;
        for (LocalModelUpdate u : updates) {
            buffer.latestByDevice.put(u.deviceId(), u);
        }
        buffer.rejected.addAll(rejected);
        return buffer;
    }

    /** How many update ids the buffer itself remembers at most. */
    public int seenCapacity() {
        return seenCapacity;
    }

    /** The update ids the buffer itself remembers, oldest first. */
    public Collection<String> seenIds() {
        return Collections.unmodifiableSet(seenIds);
    }

    /** A fresh buffer for the next round that still remembers the ids seen. */
    RoundBuffer next() {
        return new RoundBuffer(seenCapacity, seenIds);
    }

    /** Distinct devices with an update in this round. */
    public int participants() {
        return latestByDevice.size();
    }

    public Collection<LocalModelUpdate> updates() {
        return Collections.unmodifiableCollection(latestByDevice.values());
    }

    public List<Rejection> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /** Time of the round's first update, or {@code Long.MIN_VALUE} when none arrived yet. */
    public long openedMs() {
        return openedMs;
    }

    public int seenIdCount() {
        return seenIds.size();
    }
}
