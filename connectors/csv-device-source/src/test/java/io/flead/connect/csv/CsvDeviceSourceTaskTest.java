package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real task resuming from offsets a worker stored, after one device file was replaced under the same name and
 * another only grew: what it emits on the data and error topics under each {@code file.changed.policy}.
 */
class CsvDeviceSourceTaskTest {

    private static final String TOPIC = "devices";
    private static final String ERRORS = "devices-errors";

    @TempDir
    Path dir;

    private Path input;
    private Path device1;
    private long device1Size;
    private StandaloneTaskRun worker;

    @BeforeEach
    void firstRunReplaysBothFiles() throws Exception {
        input = Files.createDirectories(dir.resolve("in"));
        device1 = TestFiles.deviceFile(input, "device_1.csv", 1_000_000, 5);
        device1Size = Files.size(device1);
        TestFiles.deviceFile(input, "device_2.csv", 5_000_000, 3);
        worker = new StandaloneTaskRun(dir.resolve("offsets.dat"));
        StandaloneTaskRun.Outcome first = worker.run(props("restart"));
        assertThat(first.failure()).isNull();
        assertThat(rows(first)).containsExactlyInAnyOrder("device_1:2@1000000", "device_1:3@1001000",
                "device_1:4@1002000", "device_1:5@1003000", "device_1:6@1004000",
                "device_2:2@5000000", "device_2:3@5001000", "device_2:4@5002000");
        assertThat(first.on(ERRORS)).isEmpty();

        // device_1 regenerated with fewer rows and other times and moved over the old one (as flead up does after
        // --rows 500 following --rows 1000); device_2 got a row appended
        Path next = TestFiles.deviceFile(Files.createDirectories(dir.resolve("next")), "device_1.csv", 2_000_000, 2);
        Files.move(next, device1, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(input.resolve("device_2.csv"), "5003000,3,1,DDoS_UDP\n", StandardOpenOption.APPEND);
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    private Map<String, String> props(String policy) {
        Map<String, String> props = new HashMap<>();
        props.put(CsvDeviceSourceConfig.INPUT_PATH, input.toString());
        props.put(CsvDeviceSourceConfig.INPUT_FILE_PATTERN, "device_*.csv");
        props.put(CsvDeviceSourceConfig.TIME_FORMATS, "epoch-ms");
        props.put(CsvDeviceSourceConfig.TOPIC, TOPIC);
        props.put(CsvDeviceSourceConfig.ERRORS_TOPIC, ERRORS);
        props.put(CsvDeviceSourceConfig.FILE_CHANGED_POLICY, policy);
        return props;
    }

    private static List<String> rows(StandaloneTaskRun.Outcome outcome) {
        return outcome.on(TOPIC).stream().map(r -> {
            Map<?, ?> value = (Map<?, ?>) r.value();
            return r.key() + ":" + value.get("seq") + "@" + value.get("ts");
        }).toList();
    }

    /** The error-topic value of the one report, after checking that it names device_1 and its change. */
    private Map<?, ?> changeReport(StandaloneTaskRun.Outcome outcome, String action) throws IOException {
        List<SourceRecord> errors = outcome.on(ERRORS);
        assertThat(errors).hasSize(1);
        SourceRecord error = errors.get(0);
        assertThat(error.key()).isEqualTo("device_1");
        assertThat(error.sourcePartition()).isEqualTo(Map.of("file", device1.toString()));
        Map<?, ?> value = (Map<?, ?>) error.value();
        assertThat(value.get("file")).isEqualTo("device_1.csv");
        assertThat(value.get("path")).isEqualTo(device1.toString());
        assertThat(value.get("device_id")).isEqualTo("device_1");
        assertThat(value.get("line")).isEqualTo(0L);
        assertThat(value.get("column")).isEqualTo(0);
        assertThat(value.get("reason")).isEqualTo("file changed since its offset was stored: it is " + Files.size(device1)
                + " bytes, shorter than the stored position " + device1Size + " (line 6); " + action);
        return value;
    }

    @Test
    void restartReportsTheReplacedFileAndReplaysItFromItsStartWhileTheGrownFileResumes() throws Exception {
        StandaloneTaskRun.Outcome second = worker.run(props("restart"));
        assertThat(second.failure()).isNull();
        changeReport(second, "replaying it from its start ('file.changed.policy'=restart)");
        assertThat(rows(second)).containsExactlyInAnyOrder("device_1:2@2000000", "device_1:3@2001000",
                "device_2:5@5003000");
        assertThat(second.records().indexOf(second.on(ERRORS).get(0)))
                .isLessThan(second.records().indexOf(second.on(TOPIC).stream()
                        .filter(r -> r.key().equals("device_1")).findFirst().orElseThrow()));

        StandaloneTaskRun.Outcome third = worker.run(props("restart"));
        assertThat(third.records()).as("a task started again resumes both files at their end").isEmpty();
    }

    @Test
    void skipReportsTheReplacedFileAndLeavesItsRows() throws Exception {
        StandaloneTaskRun.Outcome second = worker.run(props("skip"));
        assertThat(second.failure()).isNull();
        changeReport(second, "skipping the rows it holds now ('file.changed.policy'=skip)");
        assertThat(rows(second)).containsExactly("device_2:5@5003000");

        assertThat(worker.run(props("skip")).records()).isEmpty();
    }

    @Test
    void failReportsTheReplacedFileThenStopsTheTaskNamingItUntilThePolicyChanges() throws Exception {
        for (int start = 0; start < 2; start++) {
            StandaloneTaskRun.Outcome failed = worker.run(props("fail"));
            changeReport(failed, "stopping the task ('file.changed.policy'=fail)");
            assertThat(failed.failure()).isInstanceOf(ConnectException.class);
            assertThat(failed.failure().getMessage()).startsWith(device1 + ": file changed since its offset was stored: ")
                    .endsWith("; stopping the task ('file.changed.policy'=fail). To go on, move the file away, reset its "
                            + "offset (PATCH /connectors/{name}/offsets) or set 'file.changed.policy' to 'restart' or 'skip'");
            assertThat(failed.on(TOPIC)).isEmpty();
        }
        StandaloneTaskRun.Outcome uncommitted = worker.run(props("fail"), false);
        changeReport(uncommitted, "stopping the task ('file.changed.policy'=fail)");
        assertThat(uncommitted.failure()).as("no failure before the report is committed: it would abort it").isNull();
        assertThat(uncommitted.on(TOPIC)).isEmpty();

        StandaloneTaskRun.Outcome restarted = worker.run(props("restart"));
        assertThat(rows(restarted)).containsExactlyInAnyOrder("device_1:2@2000000", "device_1:3@2001000",
                "device_2:5@5003000");
    }
}
