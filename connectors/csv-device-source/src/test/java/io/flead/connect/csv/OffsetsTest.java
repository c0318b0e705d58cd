package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetsTest {

    @TempDir
    Path dir;

    @Test
    void offsetMapHoldsLineAndPositionAndRoundTrips() {
        FileOffset offset = new FileOffset(7, 512, 0, 0, 0);
        assertThat(offset.toMap()).isEqualTo(Map.of("line", 7L, "position", 512L));
        assertThat(FileOffset.fromMap(offset.toMap())).isEqualTo(offset);
        assertThat(FileOffset.partition("/data/device_1.csv")).isEqualTo(Map.of("file", "/data/device_1.csv"));
        FileOffset looping = new FileOffset(3, 40, 2, 2002, 86_400_000);
        assertThat(looping.toMap()).containsEntry("pass", 2L).containsEntry("seq_shift", 2002L);
        assertThat(FileOffset.fromMap(looping.toMap())).isEqualTo(looping);
        assertThat(FileOffset.fromMap(Map.of("line", 3, "position", 40))).isEqualTo(new FileOffset(3, 40, 0, 0, 0));
    }

    @Test
    void offsetMapCarriesTheFileIdentityWhenKnown() {
        FileIdentity id = new FileIdentity(4_096, 120, 0xFFFF_FFFFL);
        FileOffset offset = new FileOffset(7, 512, 0, 0, 0, id);
        assertThat(offset.toMap()).isEqualTo(Map.of("line", 7L, "position", 512L, "size", 4_096L, "head_bytes", 120L,
                "head_crc", 0xFFFF_FFFFL));
        assertThat(FileOffset.fromMap(offset.toMap())).isEqualTo(offset);
        FileOffset looping = new FileOffset(3, 40, 2, 2002, 86_400_000, id);
        assertThat(looping.toMap()).containsEntry("pass", 2L).containsEntry("head_crc", 0xFFFF_FFFFL).hasSize(8);
        assertThat(FileOffset.fromMap(looping.toMap())).isEqualTo(looping);
        // as Connect's JsonConverter reads small numbers back
        assertThat(FileOffset.fromMap(Map.of("line", 7, "position", 512, "size", 4096, "head_bytes", 120, "head_crc", 77)))
                .isEqualTo(new FileOffset(7, 512, 0, 0, 0, new FileIdentity(4_096, 120, 77)));
    }

    @Test
    void restartSeeksToTheBytePositionInsteadOfRereading() throws Exception {
        Path file = TestFiles.deviceFile(dir, "device_1.csv", 1_000_000, 5);
        CsvDeviceSourceConfig config = TestFiles.config(dir);
        FileOffset afterTwo;
        try (DeviceFileCursor cursor = TestFiles.cursor(file, config, FileOffset.START)) {
            assertThat(cursor.take().seq()).isEqualTo(2);
            afterTwo = cursor.take().offset();
        }
        String text = Files.readString(file);
        int secondRow = text.indexOf("1001000,");
        int thirdRow = text.indexOf("1002000,");
        assertThat(afterTwo.withIdentity(null)).isEqualTo(new FileOffset(3, thirdRow, 0, 0, 0));
        // Scribble over a row already consumed: a restart that re-read it would now see a bad row. (The header and
        // the first row are the file's identity: scribbling there would be a changed file, see FileChangeTest.)
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(secondRow);
            raf.write("x".repeat(thirdRow - secondRow - 1).getBytes());
        }
        try (DeviceFileCursor resumed = TestFiles.cursor(file, config, afterTwo)) {
            ReplayItem third = resumed.take();
            assertThat(third.isBad()).isFalse();
            assertThat(third.seq()).isEqualTo(4);
            assertThat(third.ts()).isEqualTo(1_002_000);
            assertThat(third.row().features()).containsEntry("tcp.len", 2L);
            assertThat(resumed.take().seq()).isEqualTo(5);
            ReplayItem last = resumed.take();
            assertThat(last.offset().withIdentity(null)).isEqualTo(new FileOffset(6, Files.size(file), 0, 0, 0));
            assertThat(resumed.take()).isNull();
        }
    }

    @Test
    void offsetAtEndOfFileYieldsNothing() throws Exception {
        Path file = TestFiles.deviceFile(dir, "device_2.csv", 0, 3);
        FileOffset end = new FileOffset(4, Files.size(file), 0, 0, 0);
        try (DeviceFileCursor cursor = TestFiles.cursor(file, TestFiles.config(dir), end)) {
            assertThat(cursor.take()).isNull();
        }
    }

    @Test
    void shapeProblemsAreNamed() {
        Map<String, Object> partition = Map.of("file", "/d/device_1.csv");
        assertThat(FileOffset.problem(partition, Map.of("line", 3L, "position", 10L))).isNull();
        assertThat(FileOffset.problem(partition, null)).isNull();
        assertThat(FileOffset.problem(Map.of("path", "/d"), Map.of("line", 3L, "position", 10L)))
                .contains("exactly one key 'file'");
        assertThat(FileOffset.problem(partition, Map.of("line", 3L))).contains("'position'").contains("/d/device_1.csv");
        assertThat(FileOffset.problem(partition, Map.of("line", -1L, "position", 0L))).contains("'line'");
        assertThat(FileOffset.problem(partition, Map.of("line", 1.5, "position", 0L))).contains("'line'");
        assertThat(FileOffset.problem(partition, Map.of("line", 1L, "position", 0L, "lines", 3))).contains("unknown key 'lines'");
        assertThat(FileOffset.problem(partition, Map.of("line", 3L, "position", 10L, "size", 10L, "head_bytes", 5L,
                "head_crc", 9L))).isNull();
        assertThat(FileOffset.problem(partition, Map.of("line", 3L, "position", 10L, "size", 10L)))
                .contains("needs all of 'size', 'head_bytes' and 'head_crc' or none of them");
        assertThat(FileOffset.problem(partition, Map.of("line", 3L, "position", 10L, "size", 10L, "head_bytes", 70_000L,
                "head_crc", 9L))).contains("'head_bytes' as an integer from 0 to 65536").contains("/d/device_1.csv");
        assertThat(FileOffset.problem(partition, Map.of("line", 3L, "position", 10L, "size", 10L, "head_bytes", 5L,
                "head_crc", -1L))).contains("'head_crc' as an integer from 0 to 4294967295");
    }

    @Test
    void alterOffsetsAcceptsGoodShapesAndRefusesBadOnes() {
        CsvDeviceSourceConnector connector = new CsvDeviceSourceConnector();
        Map<Map<String, ?>, Map<String, ?>> good = new HashMap<>();
        good.put(Map.of("file", "/d/a.csv"), Map.of("line", 10L, "position", 300L));
        good.put(Map.of("file", "/d/b.csv"), null);
        assertThat(connector.alterOffsets(Map.of(), good)).isTrue();
        Map<Map<String, ?>, Map<String, ?>> bad = Map.of(Map.of("file", "/d/a.csv"), Map.of("line", "ten", "position", 3L));
        assertThatThrownBy(() -> connector.alterOffsets(Map.of(), bad))
                .isInstanceOf(ConnectException.class).hasMessageContaining("'line'").hasMessageContaining("/d/a.csv");
    }
}
