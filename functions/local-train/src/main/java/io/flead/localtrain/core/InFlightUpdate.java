package io.flead.localtrain.core;

import io.flead.model.UpdateAck;

/**
 * A device's update that fedavg has not acknowledged yet. Local training sends a device's next update only once this
 * one is consumed (back-pressure): while fedavg is slow or down the device's window grows instead of a queue of updates
 * that would all arrive stale. The acknowledgement timeout only keeps a device from waiting forever on an
 * acknowledgement that cannot come (fedavg reset, its topic deleted).
 *
 * @param lastSeq the {@code seq} of the update's last row
 * @param sentMs  when it was sent (wall clock)
 */
public record InFlightUpdate(String updateId, long lastSeq, long sentMs) {

    /** True when the device may send its next update: {@code ack} covers this one, or it waited past the timeout. */
    public boolean released(UpdateAck ack, long nowMs, long timeoutMs) {
        return (ack != null && ack.covers(updateId, lastSeq)) || nowMs - sentMs >= timeoutMs;
    }

    /** {@code <lastSeq>,<sentMs>,<updateId>}, for a string store. */
    public String encode() {
        return lastSeq + "," + sentMs + "," + updateId;
    }

    public static InFlightUpdate decode(String text) {
        int a = text.indexOf(',');
        int b = text.indexOf(',', a + 1);
        return new InFlightUpdate(text.substring(b + 1), Long.parseLong(text.substring(0, a)),
            Long.parseLong(text.substring(a + 1, b)));
    }
}
