package io.flead.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.flead.model.FeatureColumn;
import io.flead.model.TelemetryEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Decodes telemetry straight into a {@link TelemetryRow}: one streaming pass over the JSON fills the feature vector,
 * without building a {@link TelemetryEvent} and its map of every column. The fast pass takes only what it can read
 * exactly as the model's codec would (numbers or nulls for features, integer {@code ts}/{@code seq}, a 0/1 or null
 * label, a string or null attack type); anything else (a quoted number, a missing field, broken JSON) goes through
 * {@link FleadSerdes#telemetry()}, which decodes it the same way or fails with the same message.
 */
public final class TelemetryRowReader implements Deserializer<TelemetryRow> {

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
  private static final int DEVICE = 1;
  private static final int TS = 2;
  private static final int SEQ = 4;
  private static final int FEATURES = 8;
  private static final int LABEL = 16;
  private static final int ATTACK_TYPE = 32;
  private static final int REQUIRED = DEVICE | TS | SEQ | FEATURES;

  private final List<String> names;
  private final boolean byName;
  private final FeatureColumn[] columns;
  private final Map<String, int[]> featuresByColumn;
  private final double[] missing;
  private final Deserializer<TelemetryEvent> codec = FleadSerdes.telemetry().deserializer();

  private TelemetryRowReader(List<String> names, boolean byName, FeatureColumn[] columns) {
    this.names = List.copyOf(names);
    this.byName = byName;
    this.columns = columns;
    Map<String, List<Integer>> byColumn = new HashMap<>();
    this.missing = new double[columns.length];
    for (int j = 0; j < columns.length; j++) {
      byColumn.computeIfAbsent(columns[j].column(), c -> new ArrayList<>()).add(j);
      missing[j] = columns[j].valueOf((Double) null);
    }
    this.featuresByColumn = new HashMap<>(byColumn.size() * 2);
    byColumn.forEach((column, js) -> featuresByColumn.put(column, js.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Features as the model reads them: a plain name is its column, {@code column=value} an indicator of the column. */
  public static TelemetryRowReader derived(List<String> names) {
    return new TelemetryRowReader(names, false, names.stream().map(FeatureColumn::parse).toArray(FeatureColumn[]::new));
  }

  /** Every feature is the column of exactly its name (NaN when missing), indicators included. */
  public static TelemetryRowReader named(List<String> names) {
    return new TelemetryRowReader(names, true, names.stream()
        .map(n -> new FeatureColumn(n, n, false, Double.NaN, Double.NaN)).toArray(FeatureColumn[]::new));
  }

  /** A serde that reads with {@code reader} and refuses to write: the functions only read telemetry. */
  public static Serde<TelemetryRow> serde(TelemetryRowReader reader) {
    Serializer<TelemetryRow> none = (topic, row) -> {
      throw new UnsupportedOperationException("telemetry rows are read, never written (topic '" + topic + "')");
    };
    return Serdes.serdeFrom(none, reader);
  }

  /** The feature names, in the order of {@link TelemetryRow#features()}. */
  public List<String> names() {
    return names;
  }

  /** A reader of other features, read the same way (derived or by exact name) as this reader's. */
  public TelemetryRowReader withNames(List<String> otherNames) {
    return byName ? named(otherNames) : derived(otherNames);
  }

  @Override
  public TelemetryRow deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    TelemetryRow row = readFast(bytes);
    return row != null ? row : fromEvent(codec.deserialize(topic, bytes), bytes);
  }

  private TelemetryRow fromEvent(TelemetryEvent event, byte[] bytes) {
    double[] values = new double[columns.length];
    for (int j = 0; j < values.length; j++) {
      values[j] = columns[j].valueOf(event.features().get(columns[j].column()));
    }
    return new TelemetryRow(event.deviceId(), event.ts(), event.seq(), event.label() == null ? -1 : event.label(),
        values, bytes);
  }

  /** The row, or null when the fast pass cannot vouch for reading it exactly as the codec does. */
  TelemetryRow readFast(byte[] bytes) {
    try (JsonParser p = JSON.createParser(bytes)) {
      return p.nextToken() == JsonToken.START_OBJECT ? readObject(p, bytes) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private TelemetryRow readObject(JsonParser p, byte[] bytes) throws IOException {
    String device = null;
    long ts = 0;
    long seq = 0;
    int label = -1;
    double[] values = null;
    int seen = 0;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      int field = field(name);
      if ((seen & field) != 0) {
        return null;
      }
      seen |= field;
      switch (field) {
        case DEVICE -> device = value == JsonToken.VALUE_STRING ? p.getText() : null;
        case TS, SEQ -> {
          if (!isLong(p, value)) {
            return null;
          }
          if (field == TS) {
            ts = p.getLongValue();
          } else {
            seq = p.getLongValue();
          }
        }
        case LABEL -> label = label(p, value);
        case FEATURES -> values = value == JsonToken.START_OBJECT ? readFeatures(p) : null;
        case ATTACK_TYPE -> {
          if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
            return null;
          }
        }
        default -> p.skipChildren();
      }
      if ((field == DEVICE && device == null) || (field == FEATURES && values == null) || label == -2) {
        return null;
      }
    }
    return (seen & REQUIRED) == REQUIRED ? new TelemetryRow(device, ts, seq, label, values, bytes) : null;
  }

  private static int field(String name) {
    return switch (name) {
      case "device_id" -> DEVICE;
      case "ts" -> TS;
      case "seq" -> SEQ;
      case "features" -> FEATURES;
      case "label" -> LABEL;
      case "attack_type" -> ATTACK_TYPE;
      default -> 0;
    };
  }

  private static boolean isLong(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
  }

  /** 0 or 1, -1 for null, -2 for anything the fast pass leaves to the codec. */
  private static int label(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return -1;
    }
    if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      int label = p.getIntValue();
      return label == 0 || label == 1 ? label : -2;
    }
    return -2;
  }

  /** The feature vector; null when a column's value is neither a number nor null. */
  private double[] readFeatures(JsonParser p) throws IOException {
    double[] values = missing.clone();
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      int[] features = featuresByColumn.get(p.currentName());
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
        if (features != null) {
          double raw = p.getDoubleValue();
          for (int j : features) {
            values[j] = columns[j].valueOf(raw);
          }
        }
      } else if (value == JsonToken.VALUE_NULL) {
        if (features != null) {
          for (int j : features) {
            values[j] = missing[j];
          }
        }
      } else {
        return null;
      }
    }
    return values;
  }
}
