package io.flead.bench.latency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its start as a {@code read_committed} consumer would, in its own thread, and records for every
 * record stamped at or after a given time how long after its timestamp it became readable here (wall clock, ms).
 * Outputs of score carry their input's timestamp, so on an anomaly this is the time since its telemetry row was
 * produced (or appended, on a LogAppendTime topic).
 */
public final class ReadLatencyProbe implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong records = new AtomicLong();
    private final Thread thread;
    private volatile long fromMs;
    private double[] samples = new double[1 << 14];
    private int count;

    private ReadLatencyProbe(String bootstrap, String topic, long fromMs) {
        this.fromMs = fromMs;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "latency-probe-" + topic);
    }

    /** Starts reading {@code topic}; records stamped before {@code fromMs} are counted but not sampled. */
    public static ReadLatencyProbe start(String bootstrap, String topic, long fromMs) {
        ReadLatencyProbe probe = new ReadLatencyProbe(bootstrap, topic, fromMs);
        probe.thread.start();
        return probe;
    }

    /** Moves the start of the sampled period (e.g. past a warm-up). */
    public void sampleFrom(long ms) {
        fromMs = ms;
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    records.incrementAndGet();
                    if (r.timestamp() >= fromMs) {
                        add(now - r.timestamp());
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    private synchronized void add(double ms) {
        if (count == samples.length) {
            samples = java.util.Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = ms;
    }

    /** Records read so far, sampled or not. */
    public long records() {
        return records.get();
    }

    /** Waits until {@code expected} records were read or {@code quiet} passed without a new one. */
    public void awaitRecords(long expected, Duration quiet) throws InterruptedException {
        long last = records();
        long lastChange = System.nanoTime();
        while (records() < expected && System.nanoTime() - lastChange < quiet.toNanos()) {
            Thread.sleep(20);
            if (records() != last) {
                last = records();
                lastChange = System.nanoTime();
            }
        }
    }

    /** The sampled latencies so far, in ms. */
    public synchronized double[] samplesMs() {
        return java.util.Arrays.copyOf(samples, count);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
