package io.flead.bench.e2e;

import io.flead.bench.TopicWatch;
import io.flead.platform.up.PipelineTopics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** Notes when the first telemetry record reaches the broker: the start of the replay (polls every 50 ms). */
final class ReplayStart implements AutoCloseable {
    private final Admin admin;
    private final Thread watcher;
    private volatile long firstNanos = -1;
    private volatile boolean running = true;

    private ReplayStart(String bootstrap) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.watcher = new Thread(this::watch, "e2e-replay-start");
        watcher.setDaemon(true);
        watcher.start();
    }

    static ReplayStart watch(String bootstrap) {
        return new ReplayStart(bootstrap);
    }

    private void watch() {
        try {
            TopicWatch telemetry = new TopicWatch(admin, PipelineTopics.TELEMETRY);
            while (running && firstNanos < 0) {
                if (telemetry.records() > 0) {
                    firstNanos = System.nanoTime();
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch " + PipelineTopics.TELEMETRY + ": " + e.getMessage(), e);
        }
    }

    /** System.nanoTime() of the first record seen, or -1 before it. */
    long firstNanos() {
        return firstNanos;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.join(2000);
        admin.close();
    }
}
