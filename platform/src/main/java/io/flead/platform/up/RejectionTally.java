package io.flead.platform.up;

import io.flead.model.GlobalModel;
import io.flead.model.UpdateAck;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rejections fedavg reported on {@code fedavg-consumed} after the newest global version (pure fold): a version's
 * {@code rejected_counts} covers the rejections up to it, and these are the ones no version has reported yet, so that
 * rejections stay visible while no version is published. An acknowledgement belongs to the time after a version when
 * its {@code ts} is later than the version's.
 */
public final class RejectionTally {
    private final List<UpdateAck> pending = new ArrayList<>();
    private long versionTs = Long.MIN_VALUE;
    private long accepted;
    private long rejected;

    /** Folds one acknowledgement in. */
    public void add(UpdateAck ack) {
        if (ack.accepted()) {
            accepted++;
            return;
        }
        rejected++;
        if (ack.ts() > versionTs) {
            pending.add(ack);
        }
    }

    /** A newer version was published: the rejections up to its time are in its {@code rejected_counts}. */
    public void onVersion(GlobalModel model) {
        onVersionAt(model.ts());
    }

    /** Like {@link #onVersion} for a version published at {@code ts} (epoch milliseconds). */
    public void onVersionAt(long ts) {
        if (ts > versionTs) {
            versionTs = ts;
            pending.removeIf(a -> a.ts() <= versionTs);
        }
    }

    /** The rejections among {@code acks} that no version published at {@code versionTs} or before reports, by reason. */
    public static Map<String, Long> after(List<UpdateAck> acks, long versionTs) {
        RejectionTally tally = new RejectionTally();
        tally.onVersionAt(versionTs);
        acks.forEach(tally::add);
        return tally.sinceVersion();
    }

    /** Rejections after the newest version, by reason code (sorted). */
    public Map<String, Long> sinceVersion() {
        Map<String, Long> counts = new TreeMap<>();
        pending.forEach(a -> counts.merge(a.outcome(), 1L, Long::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** Acknowledgements of accepted updates seen so far. */
    public long accepted() {
        return accepted;
    }

    /** Acknowledgements of rejected updates seen so far. */
    public long rejected() {
        return rejected;
    }
}
