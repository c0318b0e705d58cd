package io.flead.bench.e2e;

import io.flead.platform.up.PipelineTopics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Notes when each anomaly row first becomes queryable in PostgreSQL. A consumer on the anomalies topic (uncommitted
 * reads, so it never learns of a row later than the sink does) announces the rows to look for; every
 * {@code pollMs} the rows still pending are looked up by (device_id, seq) in the {@code anomalies} table.
 */
final class AnomalyLanding implements AutoCloseable {
    private static final String LOOKUP = "SELECT a.device_id, a.seq FROM anomalies a "
        + "JOIN unnest(?::text[], ?::bigint[]) AS p(d, s) ON a.device_id = p.d AND a.seq = p.s";
    private static final long GIVE_UP_MS = 60_000;

    private final KafkaConsumer<String, byte[]> anomalies;
    private final Connection db;
    private final Tables tables;
    private final long pollMs;
    private final LandingTracker tracker = new LandingTracker(GIVE_UP_MS);
    private final Thread loop;
    private volatile boolean running = true;
    private volatile long announced;
    private volatile int pending;
    private volatile RuntimeException failure;

    private AnomalyLanding(String bootstrap, Connection db, long pollMs) throws SQLException {
        this.anomalies = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level",
            "read_uncommitted", "fetch.max.wait.ms", "10", "auto.offset.reset", "earliest", "enable.auto.commit",
            "false", "group.id", "flead-bench-e2e-landing"), new StringDeserializer(), new ByteArrayDeserializer());
        this.db = db;
        this.tables = new Tables(db);
        this.pollMs = pollMs;
        anomalies.subscribe(List.of(PipelineTopics.ANOMALIES));
        this.loop = new Thread(this::run, "e2e-anomaly-landing");
        loop.start();
    }

    /** Watches the anomalies landing through {@code db}, which it closes when it stops. */
    static AnomalyLanding watch(String bootstrap, Connection db, long pollMs) throws SQLException {
        return new AnomalyLanding(bootstrap, db, pollMs);
    }

    private void run() {
        try {
            long nextLookup = 0;
            while (running) {
                for (ConsumerRecord<String, byte[]> r : anomalies.poll(Duration.ofMillis(5))) {
                    tracker.announced(JsonSeq.key(r.key(), JsonSeq.seq(r.value())), System.currentTimeMillis());
                    announced++;
                }
                long now = System.currentTimeMillis();
                if (now >= nextLookup) {
                    lookUp(now);
                    tracker.expire(now);
                    pending = tracker.pendingCount();
                    nextLookup = now + pollMs;
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure = new IllegalStateException("anomaly landing watch failed: " + e.getMessage(), e);
        }
    }

    /** Looks the pending rows up in a query issued at {@code issuedMs}: the rows it finds were queryable by then. */
    private void lookUp(long issuedMs) throws SQLException {
        List<String> keys = tracker.pending();
        if (keys.isEmpty() || !tables.exists("anomalies")) {
            return;
        }
        String[] devices = new String[keys.size()];
        Long[] seqs = new Long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            int hash = keys.get(i).lastIndexOf('#');
            devices[i] = keys.get(i).substring(0, hash);
            seqs[i] = Long.parseLong(keys.get(i).substring(hash + 1));
        }
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(LOOKUP)) {
            Array d = db.createArrayOf("text", devices);
            Array s = db.createArrayOf("bigint", seqs);
            ps.setArray(1, d);
            ps.setArray(2, s);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(JsonSeq.key(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        tracker.found(found, issuedMs);
    }

    long announced() {
        return announced;
    }

    int pending() {
        check();
        return pending;
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops watching; the first-seen time of every landed row, and how many never landed. */
    LandingTracker stop() throws InterruptedException {
        running = false;
        loop.join(5000);
        check();
        return tracker;
    }

    @Override
    public void close() throws Exception {
        running = false;
        loop.join(5000);
        anomalies.close();
        db.close();
    }
}
