package io.flead.bench.streams;

import java.time.Duration;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How fast a Streams app works through a pre-filled topic, read from its own {@code process-total} thread metric
 * (records processed, updated as they are, not at commit): rows between the first one processed and the last, over
 * the time between them, so the app's start is not counted. Intermediate commits are counted; the final one is not.
 */
final class ProcessedRows {
    private ProcessedRows() {
    }

    /** Rows and seconds from the first processed row to the last. */
    record Rate(long rows, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    static long processed(KafkaStreams streams) {
        return Math.round(streams.metrics().values().stream()
            .filter(m -> m.metricName().name().equals("process-total")
                && m.metricName().group().equals("stream-thread-metrics"))
            .mapToDouble(ProcessedRows::value).sum());
    }

    private static double value(Metric metric) {
        Object v = metric.metricValue();
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    /** Polls until {@code rows} rows were processed; fails after {@code timeout}. */
    static Rate await(KafkaStreams streams, long rows, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstNanos = -1;
        long firstRows = 0;
        long done = 0;
        while (System.nanoTime() < deadline) {
            done = processed(streams);
            long now = System.nanoTime();
            if (done > 0 && firstNanos < 0) {
                firstNanos = now;
                firstRows = done;
            }
            if (done >= rows) {
                return new Rate(done - firstRows, (now - firstNanos) / 1e9);
            }
            BenchApps.sleep(2);
        }
        throw new IllegalStateException("processed " + done + " of " + rows + " rows within " + timeout.toSeconds() + " s");
    }
}
