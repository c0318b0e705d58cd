package io.flead.runtime;

import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde over a pair of JSON encode/decode functions; nulls (tombstones) pass through, and a
 * value that cannot be decoded becomes a {@link SerializationException} naming the topic, so the
 * {@link DeadLetterHandler} sees it.
 */
public final class JsonSerde<T> implements Serde<T> {

  private final String typeName;
  private final Function<T, byte[]> encode;
  private final Function<byte[], T> decode;

  public JsonSerde(String typeName, Function<T, byte[]> encode, Function<byte[], T> decode) {
    this.typeName = typeName;
    this.encode = encode;
    this.decode = decode;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> data == null ? null : encode.apply(data);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return decode.apply(bytes);
      } catch (RuntimeException e) {
        throw new SerializationException("Cannot decode a " + typeName + " from topic '" + topic + "': "
            + e.getMessage(), e);
      }
    };
  }
}
