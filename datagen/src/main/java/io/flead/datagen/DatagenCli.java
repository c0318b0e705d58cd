package io.flead.datagen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Command line of the generator ({@code flead datagen}): parses flags, generates, prints a summary. */
public final class DatagenCli {

    private DatagenCli() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The flags, their meaning and defaults, as {@code --help} prints them. */
    public static String usage() {
        return DatagenArguments.USAGE;
    }

    /** Runs the generator; returns 0 on success, 2 on bad flags, 1 when generation fails. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DatagenArguments arguments;
        try {
            arguments = DatagenArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("datagen: " + e.getMessage());
            err.println(DatagenArguments.USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.println(DatagenArguments.USAGE);
            return 0;
        }
        long started = System.nanoTime();
        try {
            GenerationReport report = DeviceDataGenerator.generate(arguments.config(), arguments.out());
            printSummary(report, (System.nanoTime() - started) / 1e9, out);
            return 0;
        } catch (RuntimeException e) {
            err.println("datagen: generation into '" + arguments.out() + "' failed: " + e.getMessage());
            return 1;
        }
    }

    static void printSummary(GenerationReport report, double seconds, PrintStream out) {
        GeneratorConfig c = report.config();
        long rows = report.trainingRows() + report.holdoutRows();
        out.println("datagen: wrote " + report.devices().size() + " training files to " + report.outDir()
            + (c.holdoutRows() > 0 ? " and " + report.devices().size() + " held-out files to "
            + report.outDir().resolve(DeviceDataGenerator.HOLDOUT_DIR) : ""));
        out.println("  rows: " + report.trainingRows() + " training + " + report.holdoutRows() + " held-out = " + rows
            + " (seed " + c.seed() + ")");
        out.println("  attack share: " + String.format(Locale.ROOT, "%.1f%%", 100 * report.attackShare())
            + ", attack-free devices: " + report.attackFreeDevices().size());
        out.println("  labels: " + labels(report.labelCounts()));
        out.println("  drifted devices: " + report.driftedDevices().size()
            + (report.driftedDevices().isEmpty() ? "" : " from row " + c.driftStartRow() + " (see manifest)"));
        report.driftedDevices().stream().limit(10).forEach(d ->
            out.println("    " + d.deviceId() + ": " + String.join(", ", d.drift().featureNames())));
        if (report.driftedDevices().size() > 10) {
            out.println("    … " + (report.driftedDevices().size() - 10) + " more");
        }
        out.println("  manifest: " + report.manifest());
        out.println(String.format(Locale.ROOT, "  wall time: %.2f s (%.0f rows/s, %d threads)", seconds,
            rows / Math.max(seconds, 1e-9), c.threads()));
    }

    private static String labels(Map<String, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((type, n) -> {
            if (n > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(type).append('=').append(n);
            }
        });
        return text.toString();
    }
}
