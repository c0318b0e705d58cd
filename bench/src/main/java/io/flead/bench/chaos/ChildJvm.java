package io.flead.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One engine of the stack in a JVM of its own, on this JVM's classpath: what can be killed with SIGKILL and started
 * again with the same arguments. Its output goes to {@code <logs>/<name>.out}; an engine started by
 * {@link EngineMain} prints {@value EngineMain#READY} there once it serves.
 */
final class ChildJvm {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path out;
    private Process process;

    ChildJvm(String name, String mainClass, List<String> args, Map<String, String> env, Path logs, String javaOpts) {
        this.name = name;
        this.env = Map.copyOf(env);
        this.out = logs.resolve(name + ".out");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(javaOpts.trim().split("\\s+")));
        cmd.addAll(List.of("-Dlog4j2.configurationFile=classpath:flead-log4j2.xml",
            "-Dflead.log.file=" + logs.resolve(name + ".log"), "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
    }

    String name() {
        return name;
    }

    /** Starts the process; returns at once. */
    synchronized void start() throws IOException {
        Files.createDirectories(out.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
    }

    /** Starts the process and waits for its line starting with {@code prefix}; returns the rest of that line. */
    String startAndAwait(String prefix, Duration timeout) throws IOException, InterruptedException {
        long from = Files.exists(out) ? Files.size(out) : 0;
        start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String found = lineAfter(from, prefix);
            if (found != null) {
                return found;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see "
                    + out);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + out);
    }

    private String lineAfter(long from, String prefix) throws IOException {
        byte[] all = Files.readAllBytes(out);
        String text = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
            StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    synchronized long pid() {
        return process.pid();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: nothing flushed, no transaction ended, no group left. */
    void kill() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM (the process's shutdown hook stops its engine), then SIGKILL after a grace period. */
    void stop() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    Path out() {
        return out;
    }
}
