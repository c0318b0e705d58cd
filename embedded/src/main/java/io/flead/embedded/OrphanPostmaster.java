package io.flead.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a postmaster left running on a data directory by a JVM that died without stopping it. */
final class OrphanPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private OrphanPostmaster() {
    }

    /** Stops the postmaster recorded in {@code dataDir/postmaster.pid} when it is alive and serves that directory. */
    static boolean stopIfRunning(Path dataDir) throws IOException {
        Optional<PostmasterPid> recorded = PostmasterPid.read(dataDir);
        if (recorded.isEmpty()) {
            return false;
        }
        PostmasterPid pid = recorded.get();
        Optional<ProcessHandle> process = ProcessHandle.of(pid.pid());
        if (process.isEmpty() || !process.get().isAlive() || !servesDataDir(pid.pid(), dataDir)) {
            return false;
        }
        requireNoLiveOwner(dataDir, pid);
        LOG.info("Stopping orphaned PostgreSQL (pid {}, port {}) left running on {}", pid.pid(), pid.port(), dataDir);
        fastShutdown(process.get());
        return true;
    }

    /**
     * zonky holds {@code epg-lock} in the data directory while its JVM lives; a postmaster whose lock is still held
     * belongs to a running stack, not an orphan, and must not be stopped.
     */
    static void requireNoLiveOwner(Path dataDir, PostmasterPid pid) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir, pid, "another process");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir, pid, "this JVM");
        }
    }

    private static IllegalStateException inUse(Path dataDir, PostmasterPid pid, String owner) {
        return new IllegalStateException("PostgreSQL data directory " + dataDir + " is in use by " + owner
                + " (postmaster pid " + pid.pid() + " on port " + pid.port() + ", " + ZONKY_LOCK + " is locked)");
    }

    /** True when /proc says the process is a postgres whose arguments name this data directory. */
    static boolean servesDataDir(long pid, Path dataDir) throws IOException {
        List<String> args;
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            args = List.of(raw.split("\0"));
        } catch (NoSuchFileException e) {
            return false;
        }
        String dir = dataDir.toAbsolutePath().normalize().toString();
        return !args.isEmpty() && args.get(0).endsWith("postgres") && args.contains(dir);
    }

    /** SIGINT is PostgreSQL's fast shutdown; pg_ctl itself refuses to run as root. */
    private static void fastShutdown(ProcessHandle process) throws IOException {
        signal("-INT", process.pid());
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Orphaned PostgreSQL (pid {}) ignored SIGINT for {}; killing it", process.pid(), STOP_TIMEOUT);
            process.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IOException("Could not wait for PostgreSQL pid " + process.pid() + " to exit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping PostgreSQL pid " + process.pid(), e);
        }
    }

    private static void signal(String signal, long pid) throws IOException {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException("kill " + signal + " " + pid + " exited with " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while signalling PostgreSQL pid " + pid, e);
        }
    }
}
