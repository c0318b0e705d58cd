package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device file truncated, rewritten, replaced or appended to between a stored offset and the next open. */
class ChangedFileCursorTest {

    @TempDir
    Path dir;

    private static List<ReplayItem> drain(DeviceFileCursor cursor) {
        List<ReplayItem> items = new ArrayList<>();
        for (ReplayItem item = cursor.take(); item != null; item = cursor.take()) {
            items.add(item);
        }
        cursor.close();
        return items;
    }

    /** The offset after the first {@code n} items of a replay of {@code file} from its start. */
    private FileOffset offsetAfter(Path file, int n) {
        try (DeviceFileCursor cursor = TestFiles.cursor(file, TestFiles.config(dir), FileOffset.START)) {
            FileOffset offset = FileOffset.START;
            for (int i = 0; i < n; i++) {
                offset = cursor.take().offset();
            }
            return FileOffset.fromMap(offset.toMap());
        }
    }

    private List<ReplayItem> resume(Path file, FileOffset offset, String... config) {
        return drain(TestFiles.cursor(file, TestFiles.config(dir, config), offset));
    }

    private static List<String> rows(List<ReplayItem> items) {
        return items.stream().filter(i -> !i.isBad()).map(i -> i.seq() + "@" + i.ts()).toList();
    }

    /** Writes {@code rows} rows from {@code startMs} elsewhere, then moves them over {@code file}, as datagen does. */
    private Path replace(Path file, long startMs, int rows) throws IOException {
        Path next = TestFiles.deviceFile(Files.createDirectories(dir.resolve("next")), file.getFileName().toString(),
                startMs, rows);
        return Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aTruncatedFileIsReportedThenReplayedFromItsStart() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 5);
        FileOffset stored = offsetAfter(file, 4);
        byte[] bytes = Files.readAllBytes(file);
        int afterTwoRows = Files.readString(file).indexOf("1002000,");
        Files.write(file, Arrays.copyOf(bytes, afterTwoRows));

        List<ReplayItem> items = resume(file, stored);
        ReplayItem report = items.get(0);
        assertThat(report.fileChanged()).isTrue();
        assertThat(report.bad().describe()).isEqualTo("device_1.csv:0:0: file changed since its offset was stored: it is "
                + afterTwoRows + " bytes, shorter than the stored position " + stored.position()
                + " (line 5); replaying it from its start ('file.changed.policy'=restart)");
        assertThat(report.offset().withIdentity(null)).isEqualTo(FileOffset.START);
        assertThat(report.offset().identity().size()).isEqualTo(afterTwoRows);
        assertThat(rows(items)).containsExactly("2@1000000", "3@1001000");
        assertThat(items).hasSize(3);
        assertThat(items.get(2).offset()).isEqualTo(new FileOffset(3, afterTwoRows, 0, 0, 0, report.offset().identity()));
    }

    @Test
    void aFileRewrittenShorterStillPastTheStoredPositionIsReported() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 5);
        FileOffset stored = offsetAfter(file, 2);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.indexOf("1004000,")));

        List<ReplayItem> items = resume(file, stored);
        assertThat(items.get(0).bad().reason()).startsWith("file changed since its offset was stored: it shrank from "
                + text.length() + " to " + text.indexOf("1004000,") + " bytes;");
        assertThat(rows(items)).containsExactly("2@1000000", "3@1001000", "4@1002000", "5@1003000");
    }

    @Test
    void aFileReplacedByOneWithAnotherFirstRowIsReplayedFromItsStart() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 3);
        FileOffset stored = offsetAfter(file, 3);
        replace(file, 2_000_000, 6);

        List<ReplayItem> items = resume(file, stored);
        assertThat(items.get(0).bad().reason()).startsWith("file changed since its offset was stored: its first "
                + stored.identity().headBytes() + " bytes (header and first row) differ: CRC32C ");
        assertThat(rows(items)).containsExactly("2@2000000", "3@2001000", "4@2002000", "5@2003000", "6@2004000",
                "7@2005000");
        assertThat(items).filteredOn(ReplayItem::isBad).hasSize(1);
    }

    @Test
    void aStoredPositionInsideARewrittenRowIsReportedInsteadOfTearingIt() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 3);
        FileOffset stored = offsetAfter(file, 2);
        String text = Files.readString(file);
        Files.writeString(file, text.replace("1001000,1,", "1001000,12345,"));

        List<ReplayItem> items = resume(file, stored);
        assertThat(items.get(0).bad().reason()).startsWith("file changed since its offset was stored: the stored position "
                + stored.position() + " (line 3) is not at the start of a line;");
        assertThat(rows(items)).containsExactly("2@1000000", "3@1001000", "4@1002000");
        assertThat(items.get(2).row().features()).containsEntry("tcp.len", 12345L);
    }

    @Test
    void aFileThatOnlyGrewResumesWhereItStopped() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 3);
        FileOffset stored = offsetAfter(file, 3);
        Files.writeString(file, "1003000,3,0,Normal\n1004000,4,1,DDoS_UDP\n", StandardOpenOption.APPEND);

        List<ReplayItem> items = resume(file, stored);
        assertThat(items).noneMatch(ReplayItem::isBad);
        assertThat(rows(items)).containsExactly("5@1003000", "6@1004000");
        assertThat(items.get(1).offset().identity().size()).isEqualTo(Files.size(file));
        assertThat(items.get(1).offset().identity().headCrc()).isEqualTo(stored.identity().headCrc());
    }

    @Test
    void anOffsetWithoutIdentityResumesAtItsPositionAndYieldsOffsetsWithIdentity() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 4);
        Map<String, Object> old = new HashMap<>(offsetAfter(file, 2).toMap());
        old.keySet().removeAll(List.of(FileOffset.SIZE, FileOffset.HEAD_BYTES, FileOffset.HEAD_CRC));
        FileOffset stored = FileOffset.fromMap(old);
        assertThat(stored.identity()).isNull();

        List<ReplayItem> items = resume(file, stored);
        assertThat(rows(items)).containsExactly("4@1002000", "5@1003000");
        assertThat(items.get(0).offset().identity()).isEqualTo(offsetAfter(file, 3).identity());
    }

    @Test
    void anOffsetWithoutIdentityPastTheEndOfTheFileIsReported() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 2);
        FileOffset old = new FileOffset(9, Files.size(file) + 100, 0, 0, 0);

        List<ReplayItem> items = resume(file, old);
        assertThat(items.get(0).bad().reason()).startsWith("file changed since its offset was stored: it is "
                + Files.size(file) + " bytes, shorter than the stored position " + old.position() + " (line 9);");
        assertThat(rows(items)).containsExactly("2@1000000", "3@1001000");
    }

    @Test
    void skipLeavesTheRowsAChangedFileHoldsAndReplaysRowsAppendedLater() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 3);
        FileOffset stored = offsetAfter(file, 1);
        replace(file, 2_000_000, 3);

        List<ReplayItem> items = resume(file, stored, CsvDeviceSourceConfig.FILE_CHANGED_POLICY, "skip");
        assertThat(items).singleElement().satisfies(report -> {
            assertThat(report.fileChanged()).isTrue();
            assertThat(report.bad().reason()).endsWith("; skipping the rows it holds now ('file.changed.policy'=skip)");
            assertThat(report.offset().withIdentity(null)).isEqualTo(new FileOffset(4, Files.size(file), 0, 0, 0));
        });
        FileOffset skipped = FileOffset.fromMap(items.get(0).offset().toMap());
        assertThat(resume(file, skipped, CsvDeviceSourceConfig.FILE_CHANGED_POLICY, "skip")).isEmpty();
        Files.writeString(file, "2003000,3,0,Normal\n", StandardOpenOption.APPEND);
        assertThat(rows(resume(file, skipped, CsvDeviceSourceConfig.FILE_CHANGED_POLICY, "skip")))
                .containsExactly("5@2003000");
    }

    @Test
    void failReportsTheChangeAndKeepsTheStoredOffsetSoThatARestartFindsItAgain() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 3);
        FileOffset stored = offsetAfter(file, 2);
        replace(file, 2_000_000, 3);

        for (int start = 0; start < 2; start++) {
            List<ReplayItem> items = resume(file, stored, CsvDeviceSourceConfig.FILE_CHANGED_POLICY, "fail");
            assertThat(items).singleElement().satisfies(report -> {
                assertThat(report.fileChanged()).isTrue();
                assertThat(report.bad().reason()).endsWith("; stopping the task ('file.changed.policy'=fail)");
                assertThat(report.offset()).isEqualTo(stored);
            });
        }
    }

    @Test
    void identityCoversTheHeaderAndFirstRowAndTheSizeAtOpen() throws IOException {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 3);
        FileIdentity id = offsetAfter(file, 1).identity();
        String text = Files.readString(file);
        assertThat(id.size()).isEqualTo(text.length());
        assertThat(id.headBytes()).isEqualTo(text.indexOf("1001000,"));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(text.substring(0, text.indexOf("1001000,")).getBytes(StandardCharsets.UTF_8));
        assertThat(id.headCrc()).isEqualTo(crc.getValue());
    }
}
