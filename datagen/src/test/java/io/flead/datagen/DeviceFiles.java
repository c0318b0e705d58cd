package io.flead.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: reads generated device files as header plus split rows. */
final class DeviceFiles {

    private DeviceFiles() {
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data rows (header skipped), each split on commas keeping empty cells. */
    static List<String[]> rows(Path file) {
        List<String> lines = lines(file);
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    }

    static double number(String[] row, String column) {
        return Double.parseDouble(row[EdgeIiotSchema.indexOf(column)]);
    }

    static String text(String[] row, String column) {
        return row[EdgeIiotSchema.indexOf(column)];
    }
}
