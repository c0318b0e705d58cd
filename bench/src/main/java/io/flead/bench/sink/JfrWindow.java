package io.flead.bench.sink;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** Records this JVM (Kafka, the Connect worker and the sink tasks run in it) with JFR's profile settings around one run. */
final class JfrWindow {
    private JfrWindow() {
    }

    /** Runs {@code run}, recorded to {@code file} when it is not null. */
    static double around(Path file, Callable<Double> run) throws Exception {
        if (file == null) {
            return run.call();
        }
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.setDestination(file);
            recording.start();
            double result = run.call();
            recording.stop();
            System.out.println("# JFR recording of the run: " + file);
            return result;
        }
    }
}
