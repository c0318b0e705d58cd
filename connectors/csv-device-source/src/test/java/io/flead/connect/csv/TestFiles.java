package io.flead.connect.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Small device files for tests. */
final class TestFiles {

    static final String HEADER = "frame.time,tcp.len,Attack_label,Attack_type";

    private TestFiles() {
    }

    /** A device file with {@code rows} rows one second apart from {@code startMs}, tcp.len = row index. */
    static Path deviceFile(Path dir, String name, long startMs, int rows) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(startMs + i * 1000L).append(',').append(i).append(",0,Normal\n");
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    static CsvDeviceSourceConfig config(Path dir, String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put(CsvDeviceSourceConfig.INPUT_PATH, dir.toString());
        props.put(CsvDeviceSourceConfig.TIME_FORMATS, "epoch-ms");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new CsvDeviceSourceConfig(props);
    }

    static DeviceFileCursor cursor(Path file, CsvDeviceSourceConfig config, FileOffset offset) {
        String name = file.getFileName().toString();
        return new DeviceFileCursor(file, name.substring(0, name.indexOf('.')), offset,
                new DeviceCsvParser(config.csvOptions()), config.loop(), config.fileChangedPolicy());
    }
}
