package io.flead.connect.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Lists the device files under the input path that match the file pattern and yield a device id. */
public final class FileDiscovery {

    private final Path root;
    private final boolean recursive;
    private final PathMatcher glob;
    private final Pattern deviceIdRegex;

    /** Discovery under {@code root}; {@code deviceIdRegex} is null when the id comes from a column. */
    public FileDiscovery(Path root, boolean recursive, String glob, Pattern deviceIdRegex) {
        this.root = root.toAbsolutePath().normalize();
        this.recursive = recursive;
        this.glob = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.deviceIdRegex = deviceIdRegex;
    }

    /** The matching regular files, as absolute paths in sorted order. */
    public List<String> list() {
        try (Stream<Path> paths = recursive ? Files.walk(root) : Files.list(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> glob.matches(p.getFileName()))
                    .filter(p -> deviceIdRegex == null || DeviceIds.fromFileName(deviceIdRegex, p.getFileName().toString()) != null)
                    .map(Path::toString)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list input.path '" + root + "': " + e.getMessage(), e);
        }
    }
}
