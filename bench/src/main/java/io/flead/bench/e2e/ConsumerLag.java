package io.flead.bench.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per partition, how far a group's committed offset is behind the partition's end offset (pure). */
public final class ConsumerLag {
    private ConsumerLag() {
    }

    /**
     * The partitions the group committed on that still have a gap (end minus committed, when positive).
     *
     * @throws IllegalArgumentException when a committed partition has no end offset
     */
    public static <P> Map<P, Long> gaps(Map<P, Long> endOffsets, Map<P, Long> committed) {
        Map<P, Long> gaps = new LinkedHashMap<>();
        committed.forEach((partition, offset) -> {
            Long end = endOffsets.get(partition);
            if (end == null) {
                throw new IllegalArgumentException("no end offset for committed partition " + partition);
            }
            if (end > offset) {
                gaps.put(partition, end - offset);
            }
        });
        return gaps;
    }

    public static <P> long total(Map<P, Long> gaps) {
        return gaps.values().stream().mapToLong(Long::longValue).sum();
    }
}
