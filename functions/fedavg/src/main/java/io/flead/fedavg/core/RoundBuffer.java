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
import java.util.TreeMap;

/**
 * The state of the round being collected: the latest accepted update per device, the rejections since the last
 * version (every one counted by reason code, the first {@value #REJECTIONS_LISTED} listed with their detail), the
 * time the first accepted update arrived, and a bounded, oldest-first set of update ids already seen.
 */
public final class RoundBuffer implements SeenUpdateIds {
    /** Rejections listed one by one in a version; beyond that they are only counted, so a flood cannot grow a model. */
    public static final int REJECTIONS_LISTED = 500;

    private final Map<String, LocalModelUpdate> latestByDevice = new LinkedHashMap<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private final Map<String, Long> rejectedCounts = new TreeMap<>();
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

    Rejection reject(String updateId, String reason) {
        Rejection rejection = new Rejection(updateId, reason);
        if (rejected.size() < REJECTIONS_LISTED) {
            rejected.add(rejection);
        }
        rejectedCounts.merge(Rejection.code(reason), 1L, Long::sum);
        return rejection;
    }

    /** Keeps {@code update} unless the device already has a newer one; returns the displaced update, if any. */
    LocalModelUpdate offer(LocalModelUpdate update, long nowMs) {
        LocalModelUpdate current = latestByDevice.get(update.deviceId());
        if (current != null && newer(current, update)) {
            return update;
        }
        if (latestByDevice.isEmpty()) {
            openedMs = nowMs;
        }
        latestByDevice.put(update.deviceId(), update);
        return current;
    }

    private static boolean newer(LocalModelUpdate a, LocalModelUpdate b) {
        return a.baseVersion() != b.baseVersion() ? a.baseVersion() > b.baseVersion() : a.ts() > b.ts();
    }

    /**
     * A buffer rebuilt from the parts a shell stored: the updates in arrival order (one per device), the listed
     * rejections and the counts by code, the opening time and the ids seen.
     */
    public static RoundBuffer restore(int seenCapacity, Collection<String> seenIds, long openedMs,
                                      Collection<LocalModelUpdate> updates, List<Rejection> rejected,
                                      Map<String, Long> rejectedCounts) {
        RoundBuffer buffer = new RoundBuffer(seenCapacity, new LinkedHashSet<>(seenIds));
        buffer.openedMs = openedMs;
        for (LocalModelUpdate u : updates) {
            buffer.latestByDevice.put(u.deviceId(), u);
        }
        buffer.rejected.addAll(rejected);
        buffer.rejectedCounts.putAll(rejectedCounts);
        if (rejectedCounts.isEmpty()) {
            rejected.forEach(r -> buffer.rejectedCounts.merge(Rejection.code(r.reason()), 1L, Long::sum));
        }
        return buffer;
    }

    /** As {@link #restore(int, Collection, long, Collection, List, Map)}, counting the listed rejections. */
    public static RoundBuffer restore(int seenCapacity, Collection<String> seenIds, long openedMs,
                                      Collection<LocalModelUpdate> updates, List<Rejection> rejected) {
        return restore(seenCapacity, seenIds, openedMs, updates, rejected, Map.of());
    }

    /** Takes over the rejections of a round that published no version, so the next version reports them. */
    void carry(List<Rejection> listed, Map<String, Long> counts) {
        rejected.addAll(listed.subList(0, Math.min(listed.size(), REJECTIONS_LISTED)));
        rejectedCounts.putAll(counts);
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

    /** Distinct devices with an accepted update in this round. */
    public int participants() {
        return latestByDevice.size();
    }

    public Collection<LocalModelUpdate> updates() {
        return Collections.unmodifiableCollection(latestByDevice.values());
    }

    /** The device's update in this round, or null. */
    public LocalModelUpdate updateOf(String deviceId) {
        return latestByDevice.get(deviceId);
    }

    /** The rejections listed since the last version (at most {@value #REJECTIONS_LISTED}). */
    public List<Rejection> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /** Every rejection since the last version, counted by reason code. */
    public Map<String, Long> rejectedCounts() {
        return Collections.unmodifiableMap(rejectedCounts);
    }

    /** Time of the round's first accepted update, or {@code Long.MIN_VALUE} when none arrived yet. */
    public long openedMs() {
        return openedMs;
    }

    public int seenIdCount() {
        return seenIds.size();
    }
}
