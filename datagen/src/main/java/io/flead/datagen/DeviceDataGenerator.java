package io.flead.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates a fleet of Edge-IIoTset-like device CSV files: {@code <out>/device_<n>.csv} for training,
 * {@code <out>/holdout/device_<n>.csv} for evaluation, and {@code <out>/manifest.json}.
 * Devices are generated in parallel, each from its own seeded stream, so the files do not depend on threads.
 */
public final class DeviceDataGenerator {

    /** Name of the manifest file in the output directory. */
    public static final String MANIFEST = "manifest.json";
    /** Name of the held-out split's directory inside the output directory. */
    public static final String HOLDOUT_DIR = "holdout";

    private DeviceDataGenerator() {
    }

    /**
     * Writes the files for {@code config} into {@code outDir} (created if needed; earlier {@code device_*.csv}
     * files and manifest there are removed first) and returns what was written.
     */
    public static GenerationReport generate(GeneratorConfig config, Path outDir) {
        prepare(outDir, config.holdoutRows() > 0);
        List<DeviceProfile> profiles = DeviceProfiles.fleet(config);
        DeviceFileWriter writer = new DeviceFileWriter(config, outDir);
        List<DeviceSummary> summaries = config.threads() == 1
            ? profiles.stream().map(writer::write).toList()
            : inParallel(profiles, writer, config.threads());
        GenerationReport report = new GenerationReport(outDir, config, summaries);
        ManifestWriter.write(report, outDir.resolve(MANIFEST));
        return report;
    }

    private static List<DeviceSummary> inParallel(List<DeviceProfile> profiles, DeviceFileWriter writer,
                                                  int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "datagen-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<DeviceSummary>> futures = new ArrayList<>(profiles.size());
            for (DeviceProfile profile : profiles) {
                futures.add(pool.submit(() -> writer.write(profile)));
            }
            List<DeviceSummary> summaries = new ArrayList<>(profiles.size());
            for (Future<DeviceSummary> future : futures) {
                summaries.add(future.get());
            }
            return summaries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating device files", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void prepare(Path outDir, boolean holdout) {
        try {
            Files.createDirectories(outDir);
            removeDeviceFiles(outDir);
            Files.deleteIfExists(outDir.resolve(MANIFEST));
            Path holdoutDir = outDir.resolve(HOLDOUT_DIR);
            if (Files.isDirectory(holdoutDir)) {
                removeDeviceFiles(holdoutDir);
            }
            if (holdout) {
                Files.createDirectories(holdoutDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare output directory '" + outDir + "'", e);
        }
    }

    private static void removeDeviceFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "device_*.csv")) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }
}
