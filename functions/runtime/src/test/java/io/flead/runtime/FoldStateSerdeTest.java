package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FoldStateSerdeTest {

  enum Phase { OPEN, CLOSED }

  record Entry(String id, double weight, long[] counts) {
  }

  /** A fold state shaped like the cores' ones: final fields, no default constructor, nested objects. */
  static final class Fold {
    private final String owner;
    private final int capacity;
    private double[] rows = new double[0];
    private byte[] labels = new byte[0];
    private final Map<String, Entry> latest = new LinkedHashMap<>();
    private final Set<String> seen;
    private final List<Entry> rejected = new ArrayList<>();
    private Entry[] slots;
    private Phase phase = Phase.OPEN;
    private Integer optional;
    private float ratio;

    Fold(String owner, int capacity, Set<String> seen) {
      this.owner = owner;
      this.capacity = capacity;
      this.seen = seen;
      this.slots = new Entry[capacity];
    }
  }

  private final FoldStateSerde<Fold> serde = new FoldStateSerde<>(Fold.class);

  @Test
  void restoresEveryFieldOfAFold() {
    Fold fold = new Fold("dev-7", 3, new LinkedHashSet<>(List.of("u2", "u1")));
    fold.rows = new double[] {1.5, Double.NaN, -0.0, Double.POSITIVE_INFINITY};
    fold.labels = new byte[] {1, -1};
    fold.latest.put("dev-7", new Entry("u1", 0.25, new long[] {3, 4}));
    fold.rejected.add(new Entry("u0", Double.NaN, null));
    fold.slots[1] = new Entry("u9", 2.0, new long[0]);
    fold.phase = Phase.CLOSED;
    fold.optional = 42;
    fold.ratio = 0.5f;

    Fold back = serde.decode(serde.encode(fold));

    assertThat(back.owner).isEqualTo("dev-7");
    assertThat(back.capacity).isEqualTo(3);
    assertThat(back.rows).containsExactly(1.5, Double.NaN, -0.0, Double.POSITIVE_INFINITY);
    assertThat(back.labels).containsExactly(1, -1);
    assertThat(back.latest).containsOnlyKeys("dev-7");
    assertThat(back.latest.get("dev-7").counts()).containsExactly(3, 4);
    assertThat(back.seen).containsExactly("u2", "u1");
    assertThat(back.rejected).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("u0");
      assertThat(e.counts()).isNull();
    });
    assertThat(back.slots).hasSize(3);
    assertThat(back.slots[0]).isNull();
    assertThat(back.slots[1].id()).isEqualTo("u9");
    assertThat(back.phase).isEqualTo(Phase.CLOSED);
    assertThat(back.optional).isEqualTo(42);
    assertThat(back.ratio).isEqualTo(0.5f);
  }

  /** Arrays are written in blocks; the bytes must stay those of element-by-element big-endian writes. */
  record Arrays(double[] d, long[] l, int[] i, float[] f, short[] s, byte[] b) {
  }

  @Test
  void primitiveArraysKeepTheElementByElementFormat() throws java.io.IOException {
    Arrays value = new Arrays(new double[] {1.5, Double.NaN, -0.0}, new long[] {Long.MIN_VALUE, 7},
        new int[] {-3, 1 << 30}, new float[] {2.25f}, new short[] {-2, 300}, new byte[] {-1, 0, 5});
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(expected)) {
      out.writeByte(1);
      out.writeByte(1);
      out.writeInt(3);
      for (double x : value.d()) {
        out.writeDouble(x);
      }
      out.writeByte(1);
      out.writeInt(2);
      for (long x : value.l()) {
        out.writeLong(x);
      }
      out.writeByte(1);
      out.writeInt(2);
      for (int x : value.i()) {
        out.writeInt(x);
      }
      out.writeByte(1);
      out.writeInt(1);
      out.writeFloat(value.f()[0]);
      out.writeByte(1);
      out.writeInt(2);
      for (short x : value.s()) {
        out.writeShort(x);
      }
      out.writeByte(1);
      out.writeInt(3);
      out.write(value.b());
    }
    FoldStateSerde<Arrays> serde = new FoldStateSerde<>(Arrays.class);

    byte[] encoded = serde.encode(value);

    assertThat(encoded).isEqualTo(expected.toByteArray());
    Arrays back = serde.decode(encoded);
    assertThat(back.d()).containsExactly(value.d());
    assertThat(back.l()).containsExactly(value.l());
    assertThat(back.i()).containsExactly(value.i());
    assertThat(back.f()).containsExactly(value.f());
    assertThat(back.s()).containsExactly(value.s());
    assertThat(back.b()).containsExactly(value.b());
  }

  @Test
  void nullPassesThroughAsATombstone() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void truncatedBytesNameTheStateClass() {
    byte[] bytes = serde.encode(new Fold("dev-1", 2, new LinkedHashSet<>()));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> serde.decode(truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Fold.class.getName());
  }
}
