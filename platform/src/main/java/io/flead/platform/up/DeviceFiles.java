package io.flead.platform.up;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Counts the device files a replay reads and their data rows (lines after the header, blank lines excluded). */
final class DeviceFiles {
    private DeviceFiles() {
    }

    static long countRows(Path dir) {
        try {
            long rows = 0;
            for (Path f : deviceFiles(dir)) {
                rows += dataLines(f);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read device files in " + dir, e);
        }
    }

    static long countDevices(Path dir) {
        try {
            return deviceFiles(dir).size();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read device files in " + dir, e);
        }
    }

    private static List<Path> deviceFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("device_.*\\.csv")).toList();
        }
    }

    private static long dataLines(Path file) throws IOException {
        long lines = 0;
        boolean lineHasText = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    lines += lineHasText ? 1 : 0;
                    lineHasText = false;
                } else if (b != '\r') {
                    lineHasText = true;
                }
            }
        }
        lines += lineHasText ? 1 : 0;
        return Math.max(0, lines - 1);
    }
}
