package io.flead.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The process id, data directory and port a PostgreSQL postmaster recorded in its {@code postmaster.pid}. */
record PostmasterPid(long pid, Path dataDir, int port) {

    static final String FILE_NAME = "postmaster.pid";

    /** Reads {@code postmaster.pid} of a data directory; empty when the file is absent. */
    static Optional<PostmasterPid> read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            return Optional.of(parse(file, Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Parses the file's lines: line 1 the PID, line 2 the data directory, line 4 the port. */
    static PostmasterPid parse(Path file, List<String> lines) {
        if (lines.size() < 4) {
            throw new IllegalArgumentException(file + ": expected at least 4 lines, found " + lines.size());
        }
        return new PostmasterPid(number(file, 1, lines.get(0)), Path.of(lines.get(1).trim()), (int) number(file, 4, lines.get(3)));
    }

    private static long number(Path file, int line, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": expected a number, found '" + text + "'", e);
        }
    }
}
