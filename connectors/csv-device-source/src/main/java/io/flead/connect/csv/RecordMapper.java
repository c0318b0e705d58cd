package io.flead.connect.csv;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/** Turns replay items into schemaless SourceRecords for the data topic and the errors topic. */
final class RecordMapper {

    private final String topic;
    private final String errorsTopic;
    private final Map<String, Map<String, Object>> partitions = new HashMap<>();
    private final JsonBytes json;

    /** A mapper; with {@code jsonValues} values are JSON bytes for the ByteArrayConverter instead of maps. */
    RecordMapper(String topic, String errorsTopic, boolean jsonValues) {
        this.topic = topic;
        this.errorsTopic = errorsTopic;
        this.json = jsonValues ? new JsonBytes() : null;
    }

    /** The device record of a good item: key device id, timestamp the event time. */
    SourceRecord data(ReplayItem item) {
        DeviceRow row = item.row();
        Map<String, Object> value = new LinkedHashMap<>(16);
        value.put("device_id", item.deviceId());
        value.put("ts", item.ts());
        value.put("seq", item.seq());
        value.put("features", row.features());
        value.put("label", row.label());
        value.put("attack_type", row.attackType());
        if (row.strings() != null) {
            value.put("strings", row.strings());
        }
        return new SourceRecord(partition(item.file()), item.offset().toMap(), topic, null,
                Schema.STRING_SCHEMA, item.deviceId(), valueSchema(), encoded(value), item.ts());
    }

    /** The errors-topic record of a bad item, or null when no errors topic is set; key is the device id. */
    SourceRecord error(ReplayItem item) {
        if (errorsTopic.isEmpty()) {
            return null;
        }
        Map<String, Object> value = item.bad().toValue();
        value.put("path", item.file());
        value.put("device_id", item.deviceId());
        return new SourceRecord(partition(item.file()), item.offset().toMap(), errorsTopic, null,
                Schema.STRING_SCHEMA, item.deviceId(), valueSchema(), encoded(value));
    }

    private Schema valueSchema() {
        return json == null ? null : Schema.BYTES_SCHEMA;
    }

    private Object encoded(Map<String, Object> value) {
        return json == null ? value : json.write(value);
    }

    private Map<String, Object> partition(String file) {
        return partitions.computeIfAbsent(file, FileOffset::partition);
    }
}
