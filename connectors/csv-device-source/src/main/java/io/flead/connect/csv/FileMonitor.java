package io.flead.connect.csv;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A daemon thread that lists the input directory every interval and reports when the set of files changed. */
final class FileMonitor extends Thread {

    private static final Logger LOG = LoggerFactory.getLogger(FileMonitor.class);

    private final FileDiscovery discovery;
    private final long intervalMs;
    private final Consumer<List<String>> onChange;
    private List<String> known;
    private volatile boolean running = true;

    FileMonitor(FileDiscovery discovery, long intervalMs, Consumer<List<String>> onChange, List<String> known) {
        super("csv-device-source-file-monitor");
        setDaemon(true);
        this.discovery = discovery;
        this.intervalMs = intervalMs;
        this.onChange = onChange;
        this.known = known;
    }

    @Override
    public void run() {
        while (running) {
            try {
                Thread.sleep(intervalMs);
                List<String> current = discovery.list();
                if (!current.equals(known)) {
                    known = current;
                    onChange.accept(current);
                }
            } catch (InterruptedException e) {
                return;
            } catch (UncheckedIOException e) {
                LOG.warn("Cannot list the input directory; will retry: {}", e.getMessage());
            }
        }
    }

    void shutdown() {
        running = false;
        interrupt();
        try {
            join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
