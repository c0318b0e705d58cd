package io.flead.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Resident memory read from {@code /proc}: this JVM's peak, and the proportional set of a process tree. */
final class ProcMemory {
    private static final Path PROC = Path.of("/proc");

    private ProcMemory() {
    }

    /** This JVM's peak resident set (VmHWM), in MB. */
    static double jvmPeakRssMb() throws IOException {
        return ProcStatus.kilobytes(Files.readString(PROC.resolve("self/status")), "VmHWM") / 1024.0;
    }

    /**
     * The summed proportional set size (Pss, shared pages split between their users) of {@code pid} and its children,
     * in MB; processes that ended meanwhile count as 0.
     */
    static double treePssMb(long pid) {
        long kb = 0;
        for (long p : withChildren(pid)) {
            kb += pssKb(p);
        }
        return kb / 1024.0;
    }

    private static List<Long> withChildren(long pid) {
        List<Long> tree = new ArrayList<>(List.of(pid));
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                .forEach(p -> {
                    try {
                        if (ProcStatus.parentPid(Files.readString(p.resolve("stat"))) == pid) {
                            tree.add(Long.parseLong(p.getFileName().toString()));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended while listing
                    }
                });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC + ": " + e.getMessage(), e);
        }
        return tree;
    }

    private static long pssKb(long pid) {
        try {
            return ProcStatus.kilobytes(Files.readString(PROC.resolve(pid + "/smaps_rollup")), "Pss");
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
