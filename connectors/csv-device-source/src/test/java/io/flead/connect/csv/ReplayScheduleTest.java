package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayScheduleTest {

    @TempDir
    Path dir;

    private List<ReplayItem> drain(ReplaySchedule schedule, int max) {
        List<ReplayItem> items = new ArrayList<>();
        for (ReplayItem item = schedule.take(); item != null && items.size() < max; item = schedule.take()) {
            items.add(item);
        }
        return items;
    }

    private ReplaySchedule schedule(CsvDeviceSourceConfig config, int maxOpen, String... names) {
        List<String> files = new ArrayList<>();
        for (String name : names) {
            files.add(dir.resolve(name).toString());
        }
        return new ReplaySchedule(files, f -> TestFiles.cursor(Path.of(f), config, FileOffset.START), maxOpen,
                config.orderByTime());
    }

    @Test
    void roundRobinTakesOneRowPerFileInTurnAndKeepsFileOrder() throws IOException {
        TestFiles.deviceFile(dir, "a.csv", 0, 3);
        TestFiles.deviceFile(dir, "b.csv", 0, 1);
        TestFiles.deviceFile(dir, "c.csv", 0, 2);
        try (ReplaySchedule s = schedule(TestFiles.config(dir), 10, "a.csv", "b.csv", "c.csv")) {
            assertThat(drain(s, 100)).extracting(i -> i.deviceId() + i.seq())
                    .containsExactly("a2", "b2", "c2", "a3", "c3", "a4");
        }
    }

    @Test
    void timeOrderMergesFilesByEventTime() throws IOException {
        TestFiles.deviceFile(dir, "a.csv", 0, 3);       // 0, 1000, 2000
        TestFiles.deviceFile(dir, "b.csv", 500, 3);     // 500, 1500, 2500
        TestFiles.deviceFile(dir, "c.csv", 1_200, 1);   // 1200
        CsvDeviceSourceConfig config = TestFiles.config(dir, CsvDeviceSourceConfig.REPLAY_ORDER, "time");
        try (ReplaySchedule s = schedule(config, 10, "a.csv", "b.csv", "c.csv")) {
            assertThat(drain(s, 100)).extracting(ReplayItem::ts)
                    .containsExactly(0L, 500L, 1_000L, 1_200L, 1_500L, 2_000L, 2_500L);
        }
    }

    @Test
    void filesBeyondTheOpenLimitStartWhenOthersFinish() throws IOException {
        TestFiles.deviceFile(dir, "a.csv", 0, 2);
        TestFiles.deviceFile(dir, "b.csv", 0, 2);
        TestFiles.deviceFile(dir, "c.csv", 0, 2);
        try (ReplaySchedule s = schedule(TestFiles.config(dir), 2, "a.csv", "b.csv", "c.csv")) {
            assertThat(drain(s, 100)).extracting(i -> i.deviceId() + i.seq())
                    .containsExactly("a2", "b2", "a3", "b3", "c2", "c3");
        }
    }

    @Test
    void loopReplaysWithShiftedTimesAndNewSeq() throws IOException {
        TestFiles.deviceFile(dir, "a.csv", 10_000, 3); // 10000, 11000, 12000 on lines 2..4
        CsvDeviceSourceConfig config = TestFiles.config(dir, CsvDeviceSourceConfig.REPLAY_LOOP, "true");
        try (ReplaySchedule s = schedule(config, 10, "a.csv")) {
            List<ReplayItem> items = drain(s, 7);
            assertThat(items).extracting(ReplayItem::seq).containsExactly(2L, 3L, 4L, 6L, 7L, 8L, 10L);
            assertThat(items).extracting(ReplayItem::ts)
                    .containsExactly(10_000L, 11_000L, 12_000L, 13_000L, 14_000L, 15_000L, 16_000L);
            assertThat(items.get(3).offset().pass()).isEqualTo(1);
        }
    }

    @Test
    void loopResumesFromAnOffsetInALaterPass() throws IOException {
        Path file = TestFiles.deviceFile(dir, "a.csv", 10_000, 3);
        CsvDeviceSourceConfig config = TestFiles.config(dir, CsvDeviceSourceConfig.REPLAY_LOOP, "true");
        FileOffset inSecondPass;
        try (DeviceFileCursor cursor = TestFiles.cursor(file, config, FileOffset.START)) {
            for (int i = 0; i < 4; i++) {
                cursor.take();
            }
            inSecondPass = FileOffset.fromMap(cursor.take().offset().toMap());
        }
        try (DeviceFileCursor resumed = TestFiles.cursor(file, config, inSecondPass)) {
            ReplayItem next = resumed.take();
            assertThat(next.seq()).isEqualTo(8);
            assertThat(next.ts()).isEqualTo(15_000);
        }
        assertThat(Files.exists(file)).isTrue();
    }
    @Test
    void aFileThatCannotBeReadIsReportedOnceAndTheOtherFilesStillFlow() throws IOException {
        TestFiles.deviceFile(dir, "a.csv", 0, 3);
        Files.createDirectory(dir.resolve("b.csv")); // root reads any file, but nobody reads a directory as one
        TestFiles.deviceFile(dir, "c.csv", 0, 2);
        try (ReplaySchedule s = schedule(TestFiles.config(dir), 10, "a.csv", "b.csv", "c.csv")) {
            List<ReplayItem> items = drain(s, 100);
            assertThat(items).filteredOn(i -> !i.isBad()).extracting(i -> i.deviceId() + i.seq())
                    .containsExactly("a2", "c2", "a3", "c3", "a4");
            assertThat(items).filteredOn(ReplayItem::isBad).singleElement().satisfies(bad -> {
                assertThat(bad.deviceId()).isEqualTo("b");
                assertThat(bad.bad().file()).isEqualTo("b.csv");
                assertThat(bad.bad().line()).isEqualTo(1);
                assertThat(bad.bad().column()).isEqualTo(1);
                assertThat(bad.bad().reason()).startsWith("cannot read the file: ");
                assertThat(bad.offset()).isEqualTo(FileOffset.START); // a restart tries the file again
            });
        }
    }

    @Test
    void aHeaderRepeatingAColumnNameSkipsItsFileWithOneReportWhileTheOthersFlow() throws IOException {
        TestFiles.deviceFile(dir, "a.csv", 0, 2);
        Files.writeString(dir.resolve("b.csv"), TestFiles.HEADER + ",tcp.len\n0,1,0,Normal,2\n1000,3,0,Normal,4\n");
        try (ReplaySchedule s = schedule(TestFiles.config(dir), 10, "a.csv", "b.csv")) {
            List<ReplayItem> items = drain(s, 100);
            assertThat(items).filteredOn(i -> !i.isBad()).extracting(i -> i.deviceId() + i.seq())
                    .containsExactly("a2", "a3");
            assertThat(items).filteredOn(ReplayItem::isBad).singleElement().satisfies(bad -> assertThat(
                    bad.bad().describe()).isEqualTo("b.csv:1:5: header repeats column name 'tcp.len' (first in column 2)"));
        }
    }
}
