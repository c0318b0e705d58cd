package io.flead.platform.up;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.DeviceSummary;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import io.flead.embedded.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The demo device files of {@code flead up}, generated into a staging directory beside the data directory; only the
 * files whose bytes differ from those in place are then moved over them. A second start with the same parameters
 * leaves every file as it was, so the source resumes each where it stopped; one with other parameters (say
 * {@code --rows 500} after {@code --rows 1000}) replaces exactly the files that changed, which the source reports and,
 * by its default {@code file.changed.policy}, replays from their start.
 */
final class DemoDevices {
    private final GenerationReport staged;
    private final Path staging;
    private final Path dataDir;
    private final List<Path> differing;
    private final List<Path> stale;
    private final List<String> replaced;

    private DemoDevices(GenerationReport staged, Path staging, Path dataDir, List<Path> differing, List<Path> stale) {
        this.staged = staged;
        this.staging = staging;
        this.dataDir = dataDir;
        this.differing = differing;
        this.stale = stale;
        this.replaced = changedTrainingFiles().stream().filter(f -> Files.exists(dataDir.resolve(f))).toList();
    }

    /** Generates the files of {@code config} beside {@code dataDir} and compares them with those in it. */
    static DemoDevices stage(GeneratorConfig config, Path dataDir) {
        Path staging = dataDir.resolveSibling(dataDir.getFileName() + ".staging");
        if (Files.exists(staging)) {
            FileTrees.delete(staging); // left by a run killed while generating
        }
        GenerationReport staged = DeviceDataGenerator.generate(config, staging);
        try {
            List<Path> differing = new ArrayList<>();
            for (Path relative : files(staging)) {
                Path target = dataDir.resolve(relative);
                if (!Files.isRegularFile(target) || Files.mismatch(staging.resolve(relative), target) >= 0) {
                    differing.add(relative);
                }
            }
            Set<Path> generated = new TreeSet<>(files(staging));
            List<Path> stale = deviceFiles(dataDir).stream().filter(p -> !generated.contains(p)).toList();
            return new DemoDevices(staged, staging, dataDir, differing, stale);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare the generated device files with those in " + dataDir, e);
        }
    }

    /** Moves the files that differ into the data directory, removes device files no longer generated, and the staging. */
    GenerationReport install() {
        try {
            for (Path relative : differing) {
                Path target = dataDir.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.move(staging.resolve(relative), target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            }
            for (Path relative : stale) {
                Files.delete(dataDir.resolve(relative));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the generated device files into " + dataDir, e);
        }
        FileTrees.delete(staging);
        return new GenerationReport(dataDir, staged.config(), staged.devices());
    }

    /** The training files (replayed by the source) that this generation adds, replaces or removes. */
    List<String> changedTrainingFiles() {
        return Stream.concat(differing.stream(), stale.stream()).filter(p -> p.getNameCount() == 1)
            .map(Path::toString).filter(DemoDevices::isDeviceFile).sorted().toList();
    }

    /** The training files this generation replaces or removes: files the source may have replayed before. */
    List<String> replacedTrainingFiles() {
        return replaced;
    }

    /** Rows of the training files this generation leaves as they are. */
    long unchangedTrainingRows() {
        Set<String> changed = Set.copyOf(changedTrainingFiles());
        return staged.devices().stream().filter(d -> !changed.contains(d.trainingFile()))
            .mapToLong(DeviceSummary::trainingRows).sum();
    }

    private static boolean isDeviceFile(String name) {
        return name.startsWith("device_") && name.endsWith(".csv");
    }

    /** Every regular file under {@code root}, relative to it. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    /** The device files in {@code dataDir} and its held-out directory, relative to it: what datagen would remove. */
    private static List<Path> deviceFiles(Path dataDir) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : List.of(dataDir, dataDir.resolve(DeviceDataGenerator.HOLDOUT_DIR))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "device_*.csv")) {
                files.forEach(f -> found.add(dataDir.relativize(f)));
            }
        }
        return found;
    }
}
