package io.flead.bench.streams;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends telemetry rows at a steady rate: every half millisecond it sends the rows due by then, so the schedule never
 * bursts more than a few rows. Each record's timestamp is the producer's clock at {@code send}.
 */
final class PacedProducer {
    /** One row to send: the device key and the telemetry JSON. */
    record Row(String key, byte[] value) {
    }

    private PacedProducer() {
    }

    /** Sends {@code rows} (cycling through them) to {@code topic} at {@code rate} rows/s for {@code seconds}. */
    static long send(String bootstrap, String topic, List<Row> rows, double rate, double seconds) {
        long total = Math.round(rate * seconds);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            long sent = 0;
            while (sent < total) {
                long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
                for (; sent < due; sent++) {
                    Row row = rows.get((int) (sent % rows.size()));
                    producer.send(new ProducerRecord<>(topic, row.key(), row.value()));
                }
                LockSupport.parkNanos(500_000);
            }
            producer.flush();
            return sent;
        }
    }
}
