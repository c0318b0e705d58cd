package io.flead.bench.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which anomaly rows are announced on the topic but not yet seen in the table, and when each was first seen there
 * (pure: times are arguments). A row still missing after {@code giveUpMs} is dropped and counted as never landed.
 */
public final class LandingTracker {
    private final long giveUpMs;
    private final Map<String, Long> pending = new LinkedHashMap<>();
    private final Map<String, Long> landed = new HashMap<>();
    private final Map<String, Long> announcedOfLanded = new HashMap<>();
    private long neverLanded;

    public LandingTracker(long giveUpMs) {
        this.giveUpMs = giveUpMs;
    }

    /** A row the topic announced at {@code nowMs}; ignored when it is already pending or landed. */
    public void announced(String key, long nowMs) {
        if (!landed.containsKey(key)) {
            pending.putIfAbsent(key, nowMs);
        }
    }

    /** The rows to look for in the table, oldest announcement first. */
    public List<String> pending() {
        return new ArrayList<>(pending.keySet());
    }

    /** Rows found in the table by a query issued at {@code queriedMs}: each counts as queryable since then. */
    public void found(Collection<String> keys, long queriedMs) {
        for (String key : keys) {
            Long announcedMs = pending.remove(key);
            if (announcedMs != null) {
                landed.put(key, queriedMs);
                announcedOfLanded.put(key, announcedMs);
            }
        }
    }

    /** Drops the rows announced more than {@code giveUpMs} before {@code nowMs}. */
    public void expire(long nowMs) {
        for (Iterator<Long> it = pending.values().iterator(); it.hasNext(); ) {
            if (nowMs - it.next() > giveUpMs) {
                it.remove();
                neverLanded++;
            }
        }
    }

    /** First time each landed row was seen queryable, by key. */
    public Map<String, Long> landed() {
        return Map.copyOf(landed);
    }

    /** When each landed row was announced on the topic, by key. */
    public Map<String, Long> announcedOfLanded() {
        return Map.copyOf(announcedOfLanded);
    }

    public int pendingCount() {
        return pending.size();
    }

    public long neverLanded() {
        return neverLanded;
    }
}
