package io.flead.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the memory of the embedded PostgreSQL (a separate process tree: postmaster and backends) once a second on
 * a daemon thread, and keeps the peak of their summed Pss.
 */
final class PostgresMemory implements AutoCloseable {
    private final long pid;
    private final Thread sampler;
    private volatile double peakMb;
    private volatile boolean running = true;

    private PostgresMemory(long pid) {
        this.pid = pid;
        this.sampler = new Thread(this::sampleLoop, "e2e-pg-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling the postmaster named by {@code dataDir/postmaster.pid}. */
    static PostgresMemory watch(Path dataDir) throws IOException {
        return new PostgresMemory(ProcStatus.postmasterPid(Files.readString(dataDir.resolve("postmaster.pid"))));
    }

    long pid() {
        return pid;
    }

    double peakMb() {
        return peakMb;
    }

    private void sampleLoop() {
        while (running) {
            peakMb = Math.max(peakMb, ProcMemory.treePssMb(pid));
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
