package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayStartTest {
    private static final TopicPartition T0 = new TopicPartition("edge-iiot-stream", 0);
    private static final TopicPartition T3 = new TopicPartition("edge-iiot-stream", 3);
    private static final TopicPartition E0 = new TopicPartition("edge.iiot.errors", 0);
    private static final ReplayStart START = new ReplayStart("cluster-a", Map.of(T0, 1_200L, T3, 0L, E0, 7L), 4_000);

    @TempDir
    Path dir;

    @Test
    void aStartWrittenIsReadBack() {
        Path file = dir.resolve("replay-start.properties");
        START.write(file);
        assertThat(ReplayStart.read(file)).isEqualTo(START);
    }

    @Test
    void noFileMeansCountingFromTheBeginning() {
        assertThat(ReplayStart.read(dir.resolve("absent"))).isEqualTo(ReplayStart.BEGINNING);
    }

    @Test
    void aDamagedFileIsRefusedNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("replay-start.properties"), "offset.edge-iiot-stream.0=many\n",
            StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReplayStart.read(file)).hasMessageContaining(file.toString())
            .hasMessageContaining("many").hasMessageContaining("delete it");
    }

    @Test
    void aStartAppliesOnlyToItsClusterAndTopicsThatStillReachItsOffsets() {
        Map<TopicPartition, Long> ends = Map.of(T0, 1_500L, T3, 0L, E0, 7L);
        assertThat(START.validFor("cluster-a", ends)).isEqualTo(START);
        assertThat(START.validFor("cluster-b", ends)).as("a new broker").isEqualTo(ReplayStart.BEGINNING);
        assertThat(START.validFor("cluster-a", Map.of(T0, 3L, T3, 0L, E0, 7L))).as("a topic created again")
            .isEqualTo(ReplayStart.BEGINNING);
        assertThat(START.validFor("cluster-a", Map.of(T0, 1_500L, E0, 7L))).as("a partition gone")
            .isEqualTo(ReplayStart.BEGINNING);
    }
}
