package io.flead.fedavg.streams;

import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import io.flead.runtime.FoldStateSerde;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The round buffer in its store: its small parts, then each update as its own length-prefixed
 * {@link FoldStateSerde} block. The round store keeps the open round as an object between commits and encodes it
 * at each commit, so each update is encoded once (its block is kept by identity, the updates are immutable) and
 * the rest is copying; a round is decoded only when it is not in memory (after a restart or restore).
 */
final class RoundBufferSerde implements Serde<RoundBuffer> {

  private static final byte FORMAT = 1;

  private final FoldStateSerde<LocalModelUpdate> updates = new FoldStateSerde<>(LocalModelUpdate.class);
  private final Map<Identity, byte[]> encoded;

  /** @param cachedUpdates how many updates' blocks are kept (a round's K and some) */
  RoundBufferSerde(int cachedUpdates) {
    this.encoded = lru(cachedUpdates);
  }

  @Override
  public Serializer<RoundBuffer> serializer() {
    return (topic, buffer) -> buffer == null ? null : encode(buffer);
  }

  @Override
  public Deserializer<RoundBuffer> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  byte[] encode(RoundBuffer buffer) {
    List<byte[]> blocks = new ArrayList<>(buffer.participants());
    int size = 1 + Integer.BYTES + Long.BYTES + stringsSize(buffer.seenIds()) + Integer.BYTES + Integer.BYTES;
    for (Rejection r : buffer.rejected()) {
      size += stringSize(r.updateId()) + stringSize(r.reason());
    }
    for (LocalModelUpdate u : buffer.updates()) {
      byte[] block = block(u);
      blocks.add(block);
      size += Integer.BYTES + block.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT).putInt(buffer.seenCapacity()).putLong(buffer.openedMs());
    putStrings(out, buffer.seenIds());
    out.putInt(buffer.rejected().size());
    for (Rejection r : buffer.rejected()) {
      putString(out, r.updateId());
      putString(out, r.reason());
    }
    out.putInt(blocks.size());
    blocks.forEach(block -> out.putInt(block.length).put(block));
    return out.array();
  }

  RoundBuffer decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.get() != FORMAT) {
        throw new SerializationException("unknown format " + bytes[0]);
      }
      int seenCapacity = in.getInt();
      long openedMs = in.getLong();
      List<String> seenIds = getStrings(in);
      int rejectedCount = in.getInt();
      List<Rejection> rejected = new ArrayList<>(rejectedCount);
      for (int i = 0; i < rejectedCount; i++) {
        rejected.add(new Rejection(getString(in), getString(in)));
      }
      int count = in.getInt();
      List<LocalModelUpdate> kept = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int length = in.getInt();
        kept.add(update(bytes, in.position(), length));
        in.position(in.position() + length);
      }
      return RoundBuffer.restore(seenCapacity, seenIds, openedMs, kept, rejected);
    } catch (RuntimeException e) {
      throw new SerializationException("Cannot decode a fedavg round buffer of " + bytes.length
          + " bytes (was it written by another build? then reset the fedavg application): " + e, e);
    }
  }

  private synchronized byte[] block(LocalModelUpdate u) {
    return encoded.computeIfAbsent(new Identity(u), k -> updates.encode(u));
  }

  /** Decodes one block and keeps it as the update's encoding, so the next encode of the round reuses it. */
  private synchronized LocalModelUpdate update(byte[] bytes, int offset, int length) {
    byte[] block = Arrays.copyOfRange(bytes, offset, offset + length);
    LocalModelUpdate u = updates.decode(block);
    encoded.put(new Identity(u), block);
    return u;
  }

  private static int stringSize(String s) {
    return Integer.BYTES + s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int stringsSize(Collection<String> strings) {
    return Integer.BYTES + strings.stream().mapToInt(RoundBufferSerde::stringSize).sum();
  }

  private static void putString(ByteBuffer out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.putInt(utf8.length).put(utf8);
  }

  private static void putStrings(ByteBuffer out, Collection<String> strings) {
    out.putInt(strings.size());
    strings.forEach(s -> putString(out, s));
  }

  private static String getString(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  private static List<String> getStrings(ByteBuffer in) {
    int count = in.getInt();
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      strings.add(getString(in));
    }
    return strings;
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** A key that is equal only to the same object. */
  private record Identity(Object ref) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && other.ref == ref;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(ref);
    }
  }
}
