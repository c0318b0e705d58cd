package io.flead.bench.sink;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU seconds used by this JVM and by one PostgreSQL server (postmaster and backends), read from /proc, so each
 * timed run can say whether it was bound by the database, by the JVM, or by waiting (or other load on the machine).
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long postmaster;
    private double startJvm;
    private double startPostgres;
    private long startNanos;

    /** Meters the PostgreSQL server whose data directory is {@code dataDir} (null: a server elsewhere, reported as 0). */
    CpuMeter(Path dataDir) {
        long pid = -1;
        try {
            if (dataDir == null) {
                throw new IOException("no data directory");
            }
            pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            // no postmaster.pid: PostgreSQL CPU is reported as 0
        }
        this.postmaster = pid;
    }

    void start() {
        startJvm = jvmSeconds();
        startPostgres = postgresSeconds();
        startNanos = System.nanoTime();
    }

    /** Wall time and the CPU seconds used since {@link #start()}, as a line for the bench output. */
    String report() {
        return String.format(Locale.ROOT, "wall %.2f s, CPU: PostgreSQL %.2f s, this JVM %.2f s",
                (System.nanoTime() - startNanos) / 1e9, postgresSeconds() - startPostgres, jvmSeconds() - startJvm);
    }

    private static double jvmSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
    }

    /** The postmaster's own and reaped children's CPU, plus every live child's (the backends). */
    private double postgresSeconds() {
        if (postmaster < 0) {
            return 0;
        }
        long[] own = stat(postmaster);
        double ticks = own == null ? 0 : own[1] + own[2] + own[3] + own[4];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long[] child = stat(Long.parseLong(name));
                    if (child != null && child[0] == postmaster) {
                        ticks += child[1] + child[2];
                    }
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** ppid, utime, stime, cutime, cstime of a process, or null when it is gone. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
