package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSplittingTest {

    @TempDir
    Path dir;

    private final CsvDeviceSourceConnector connector = new CsvDeviceSourceConnector();

    @AfterEach
    void stop() {
        connector.stop();
    }

    private void files(String... names) throws IOException {
        for (String name : names) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "frame.time,x\n");
        }
    }

    private List<Map<String, String>> taskConfigs(int maxTasks, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put(CsvDeviceSourceConfig.INPUT_PATH, dir.toString());
        props.put(CsvDeviceSourceConfig.INPUT_RESCAN_INTERVAL_MS, "0");
        connector.start(props);
        return connector.taskConfigs(maxTasks);
    }

    private static List<String> filesOf(Map<String, String> task) {
        return new CsvDeviceSourceConfig(task).taskFiles();
    }

    @Test
    void filesAreSplitDisjointlyAcrossTasksMax() throws IOException {
        for (int i = 0; i < 10; i++) {
            files("device_" + i + ".csv");
        }
        List<Map<String, String>> tasks = taskConfigs(3, Map.of());
        assertThat(tasks).hasSize(3);
        List<String> all = new ArrayList<>();
        tasks.forEach(t -> all.addAll(filesOf(t)));
        assertThat(all).doesNotHaveDuplicates().hasSize(10)
                .allMatch(f -> Path.of(f).isAbsolute() && f.endsWith(".csv"));
        assertThat(tasks).allSatisfy(t -> assertThat(filesOf(t)).hasSizeBetween(3, 4));
    }

    @Test
    void fewerFilesThanTasksMaxGiveOneTaskPerFile() throws IOException {
        files("a.csv", "b.csv");
        assertThat(taskConfigs(5, Map.of())).hasSize(2).allSatisfy(t -> assertThat(filesOf(t)).hasSize(1));
    }

    @Test
    void noFilesGiveNoTasks() {
        assertThat(taskConfigs(4, Map.of())).isEmpty();
    }

    @Test
    void globRecursionAndDeviceIdRegexSelectFiles() throws IOException {
        files("device_1.csv", "device_2.csv", "notes.txt", "sub/device_3.csv", "other_4.csv");
        Map<String, String> extra = Map.of(CsvDeviceSourceConfig.INPUT_FILE_PATTERN, "device_*.csv",
                CsvDeviceSourceConfig.INPUT_RECURSIVE, "true");
        List<String> all = new ArrayList<>();
        taskConfigs(1, extra).forEach(t -> all.addAll(filesOf(t)));
        assertThat(all).extracting(f -> dir.relativize(Path.of(f)).toString())
                .containsExactly("device_1.csv", "device_2.csv", "sub/device_3.csv");
    }

    @Test
    void rateIsSharedEquallyBetweenTasks() throws IOException {
        files("a.csv", "b.csv", "c.csv", "d.csv");
        List<Map<String, String>> tasks = taskConfigs(4, Map.of(CsvDeviceSourceConfig.REPLAY_MODE, "rate",
                CsvDeviceSourceConfig.REPLAY_RATE, "1000"));
        assertThat(tasks).extracting(t -> new CsvDeviceSourceConfig(t).taskRateShare()).containsOnly(250.0);
    }
}
