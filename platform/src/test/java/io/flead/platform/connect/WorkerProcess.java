package io.flead.platform.connect;

import io.flead.embedded.EmbeddedConnect;
import io.flead.platform.up.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code flead up}'s Connect worker ({@link Platform#connectSettings}) in a JVM of its own, so that a test can kill it
 * with SIGKILL. {@link #main} runs in the child; {@link #start} starts one from the test and waits for its REST URL.
 */
public final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final URI restUrl;

    private WorkerProcess(Process process, URI restUrl) {
        this.process = process;
        this.restUrl = restUrl;
    }

    /**
     * Arguments: bootstrap servers, REST port, secrets directory, then the connector environment as
     * {@code NAME=value} pairs.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            env.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EmbeddedConnect connect = EmbeddedConnect.start(
            Platform.connectSettings(args[0], Integer.parseInt(args[1]), env, Path.of(args[2])));
        System.out.println("REST " + connect.restUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Starts a worker process and returns once its REST API answers; its secrets are the files of {@code secrets},
     * its stderr goes to {@code log}.
     */
    public static WorkerProcess start(String bootstrap, int restPort, Map<String, String> env, Path secrets, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            WorkerProcess.class.getName(), bootstrap, Integer.toString(restPort), secrets.toString()));
        env.forEach((k, v) -> command.add(k + "=" + v));
        Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("REST ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling up
                        }
                    } catch (IOException e) {
                        // the process is gone
                    }
                }, "worker-process-stdout");
                drain.setDaemon(true);
                drain.start();
                return new WorkerProcess(process, URI.create(line.substring(5).trim()));
            }
        }
        throw new IllegalStateException("The worker process ended (" + (process.isAlive() ? "output closed"
            : "exit " + process.exitValue()) + ") before its REST API came up; see " + log);
    }

    public URI restUrl() {
        return restUrl;
    }

    /** SIGKILL: no offsets flushed, no transaction ended, no group left on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
