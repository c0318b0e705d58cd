package io.flead.bench.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryReplayTest {

    @Test
    void aPositiveRateIsTheTotalOfAllTasks() {
        Map<String, String> c = TelemetryReplay.connector(Path.of("/data/devices"), "bench-stream-3", 3, 5000);
        assertThat(c).containsEntry("tasks.max", "3").containsEntry("replay.mode", "rate")
            .containsEntry("replay.rate", "5000.0").containsEntry("topic", "bench-stream-3")
            .containsEntry("errors.topic", "bench-stream-3-errors").containsEntry("input.path", "/data/devices");
    }

    @Test
    void noRateReplaysAsFastAsPossible() {
        Map<String, String> c = TelemetryReplay.connector(Path.of("/d"), "edge-iiot-stream", 1, 0);
        assertThat(c).containsEntry("replay.mode", "max").containsEntry("replay.rate", "0.0");
    }

    @Test
    void writesTheDesignJsonAsFleadUpDoes() {
        Map<String, String> c = TelemetryReplay.connector(Path.of("/d"), "edge-iiot-stream", 1, 0);
        assertThat(c).containsEntry("connector.class", "io.flead.connect.csv.CsvDeviceSourceConnector")
            .containsEntry("value.format", "json")
            .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
            .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    }
}
