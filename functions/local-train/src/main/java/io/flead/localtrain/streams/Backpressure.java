package io.flead.localtrain.streams;

import io.flead.localtrain.core.InFlightUpdate;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.ConsumedUpdates;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * local-train's side of the loop's back-pressure: per device, the update fedavg has not acknowledged yet
 * ({@link InFlightUpdate}), and the devices whose window is due but held until that acknowledgement arrives.
 */
final class Backpressure {

  /** Held devices are looked at again when an acknowledgement arrived, and at least this often for the timeout. */
  private static final long RESCAN_MS = 5_000;

  private final KeyValueStore<String, String> inFlight;
  private final KeyValueStore<String, String> held;
  private final ConsumedUpdates acks;
  private final long timeoutMs;
  private long changesSeen = -2;
  private long lastScanMs = Long.MIN_VALUE;

  Backpressure(KeyValueStore<String, String> inFlight, KeyValueStore<String, String> held, ConsumedUpdates acks,
      long timeoutMs) {
    this.inFlight = inFlight;
    this.held = held;
    this.acks = acks;
    this.timeoutMs = timeoutMs;
  }

  /** True when the device must wait for fedavg; it is then remembered as held. */
  boolean holds(String device, long now) {
    String text = inFlight.get(device);
    if (text == null) {
      return false;
    }
    if (InFlightUpdate.decode(text).released(acks.of(device), now, timeoutMs)) {
      inFlight.delete(device);
      return false;
    }
    if (held.get(device) == null) {
      held.put(device, "");
    }
    return true;
  }

  /** Records a sent update as in flight. */
  void sent(LocalModelUpdate update, long now) {
    long lastSeq = update.lastSeq() == null ? -1 : update.lastSeq();
    inFlight.put(update.deviceId(), new InFlightUpdate(update.updateId(), lastSeq, now).encode());
    if (held.get(update.deviceId()) != null) {
      held.delete(update.deviceId());
    }
  }

  /** The held devices to look at again now (none when nothing was acknowledged since the last look, between rescans). */
  List<String> heldToRecheck(long now) {
    long changes = acks.changes();
    if (changes == changesSeen && changes >= 0 && now - lastScanMs < RESCAN_MS) {
      return List.of();
    }
    changesSeen = changes;
    lastScanMs = now;
    List<String> devices = new ArrayList<>();
    try (KeyValueIterator<String, String> it = held.all()) {
      it.forEachRemaining(kv -> devices.add(kv.key));
    }
    return devices;
  }

  /** Forgets that the device is held (its window is gone). */
  void release(String device) {
    held.delete(device);
  }
}
