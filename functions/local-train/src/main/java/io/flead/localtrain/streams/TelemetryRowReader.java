package io.flead.localtrain.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.flead.model.FeatureSpace;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.FleadSerdes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Decodes telemetry straight into a {@link TelemetryRow}: one streaming pass over the JSON fills the feature vector,
 * without building a {@link TelemetryEvent} and its map of every column. The fast pass takes only what it can read
 * exactly as the model's codec would (numbers or nulls for features, integer {@code ts}/{@code seq}, a 0/1 or null
 * label); anything else (a quoted number, a missing field, broken JSON) goes through {@link FleadSerdes#telemetry()},
 * which decodes it the same way or fails with the same message.
 */
final class TelemetryRowReader implements Deserializer<TelemetryRow> {

  /** Rows are only read: local-train never writes telemetry. */
  static final Serializer<TelemetryRow> NO_ENCODING = (topic, row) -> {
    throw new UnsupportedOperationException("local-train reads telemetry rows but never writes them (topic '"
        + topic + "')");
  };
  private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final int DEVICE = 1;
  private static final int TS = 2;
  private static final int SEQ = 4;
  private static final int FEATURES = 8;
  private static final int LABEL = 16;
  private static final int ATTACK_TYPE = 32;
  private static final int REQUIRED = DEVICE | TS | SEQ | FEATURES;

  private final FeatureSpace space;
  private final Map<String, int[]> featuresByColumn;
  private final double[] missing;
  private final Deserializer<TelemetryEvent> codec = FleadSerdes.telemetry().deserializer();

  TelemetryRowReader(FeatureSpace space) {
    this.space = space;
    Map<String, List<Integer>> columns = new HashMap<>();
    this.missing = new double[space.dimension()];
    for (int j = 0; j < missing.length; j++) {
      columns.computeIfAbsent(space.column(j).column(), c -> new ArrayList<>()).add(j);
      missing[j] = space.column(j).valueOf((Double) null);
    }
    this.featuresByColumn = new HashMap<>(columns.size() * 2);
    columns.forEach((column, js) -> featuresByColumn.put(column, js.stream().mapToInt(Integer::intValue).toArray()));
  }

  @Override
  public TelemetryRow deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    TelemetryRow row = readFast(bytes);
    return row != null ? row : fromEvent(codec.deserialize(topic, bytes));
  }

  private TelemetryRow fromEvent(TelemetryEvent event) {
    double[] values = new double[space.dimension()];
    space.fill(event.features(), values, 0);
    return new TelemetryRow(event.deviceId(), event.seq(), event.label() == null ? -1 : event.label(), values);
  }

  /** The row, or null when the fast pass cannot vouch for reading it exactly as the codec does. */
  TelemetryRow readFast(byte[] bytes) {
    try (JsonParser p = JSON.createParser(bytes)) {
      return p.nextToken() == JsonToken.START_OBJECT ? readObject(p) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private TelemetryRow readObject(JsonParser p) throws IOException {
    String device = null;
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
        case TS -> {
          if (!isLong(p, value)) {
            return null;
          }
        }
        case SEQ -> {
          if (!isLong(p, value)) {
            return null;
          }
          seq = p.getLongValue();
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
    return (seen & REQUIRED) == REQUIRED ? new TelemetryRow(device, seq, label, values) : null;
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
            values[j] = space.column(j).valueOf(raw);
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
