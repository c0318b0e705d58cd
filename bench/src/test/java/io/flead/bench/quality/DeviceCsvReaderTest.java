package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsNumericColumnsQuotedFieldsAndLabels() throws IOException {
        Path file = dir.resolve("device_1.csv");
        Files.writeString(file, String.join("\n",
            "frame.time,tcp.len,http.file_data,udp.port,Attack_label,Attack_type",
            "2021-11-10 00:00:01,12,\"a,b \"\"quoted\"\"\",53,0,Normal",
            "",
            "2021-11-10 00:00:02,,x,0x1f,1,DDoS_UDP",
            "2021-11-10 00:00:03,7.5,,65535,1.0,DDoS_UDP"));
        DeviceRows rows = new DeviceCsvReader(List.of("tcp.len", "udp.port", "mqtt.len")).read(file, "device_1");
        assertThat(rows.n()).isEqualTo(3);
        assertThat(rows.x()[0]).isEqualTo(12f);
        assertThat(rows.x()[1]).isEqualTo(53f);
        assertThat(rows.x()[2]).as("column absent from the file").isNaN();
        assertThat(rows.x()[3]).as("empty value").isNaN();
        assertThat(rows.x()[4]).as("hex is not numeric here").isNaN();
        assertThat(rows.x()[6]).isEqualTo(7.5f);
        assertThat(rows.y()).containsExactly(0, 1, 1);
        assertThat(rows.type()).containsExactly(0, AttackTypes.indexOf("DDoS_UDP"), AttackTypes.indexOf("DDoS_UDP"));
        assertThat(AttackTypes.indexOf("DDoS_UDP")).isEqualTo((byte) 1);
    }

    @Test
    void aFileWithoutAttackTypesReadsEveryTypeAsUnknown() throws IOException {
        Path file = dir.resolve("device_3.csv");
        Files.writeString(file, "tcp.len,Attack_label\n1,0\n2,1\n");
        assertThat(new DeviceCsvReader(List.of("tcp.len")).read(file, "device_3").type()).containsExactly(-1, -1);
    }

    @Test
    void aBadLabelNamesFileLineAndColumn() throws IOException {
        Path file = dir.resolve("device_2.csv");
        Files.writeString(file, "tcp.len,Attack_label\n1,0\n2,yes\n");
        assertThatThrownBy(() -> new DeviceCsvReader(List.of("tcp.len")).read(file, "device_2"))
            .hasMessageContaining("device_2.csv line 3").hasMessageContaining("'Attack_label'").hasMessageContaining("'yes'");
    }

    @Test
    void splitsQuotedFields() {
        assertThat(DeviceCsvReader.split("a,\"b,c\",,\"d\"\"e\"")).containsExactly("a", "b,c", "", "d\"e");
    }
}
