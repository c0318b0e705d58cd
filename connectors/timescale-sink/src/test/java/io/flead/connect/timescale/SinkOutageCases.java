package io.flead.connect.timescale;

import static io.flead.connect.timescale.SinkFixture.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sink riding out a PostgreSQL outage and a hung PostgreSQL at its default retry policy (#16 defect 2), on a
 * stack of its own: stopping and hanging the server must not touch the other ITs' connectors.
 */
abstract class SinkOutageCases extends SinkStackCases {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Longer than the retry budget before #16: 10 retries (the old max.retries default) 500 ms apart. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    SinkOutageCases() {
        super("timescale-sink-outage-it");
    }

    @Test
    void postgresDownLongerThanTheOldRetryBudgetLosesAndDuplicatesNothing() throws Exception {
        stack.kafka().createTopic("outage", 2, Map.of());
        // default max.retries; the pause grows 0.5, 1, 2, 4, 4 ... s so the test does not wait 30 s after the restart
        fx.startSink("outage", fx.sinkConfig("outage", "pk.fields", "device_id,seq,time", "batch.size", "500",
                "retry.backoff.max.ms", "4000"));
        int total = 10_000;
        send("outage", 0, total / 4);
        await().atMost(WAIT).until(() -> fx.count("SELECT count(*) FROM outage") > 0);
        fx.database.stop();
        try {
            send("outage", total / 4, total); // consumed, batched and retried while the database is down
            await().failFast("the sink task FAILED during the outage", () -> failed("outage"))
                    .during(OUTAGE).atMost(OUTAGE.plus(WAIT)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !failed("outage"));
        } finally {
            fx.database.start();
        }
        awaitCount(fx.url, "SELECT count(*) FROM outage", total);
        assertThat(fx.count("SELECT count(DISTINCT (device_id, seq)) FROM outage")).isEqualTo(total);
        assertThat(fx.count("SELECT min(seq) + max(seq) FROM outage")).isEqualTo(total - 1);
        assertThat(stack.restClient().connectorStatus("outage").isRunning(1)).isTrue();
    }

    @Test
    void hungPostgresTurnsIntoRetriesAndLosesAndDuplicatesNothing() throws Exception {
        String url = fx.database.createDatabase("hang");
        stack.kafka().createTopic("hang", 1, Map.of());
        fx.startSink("hang", fx.sinkConfig("hang", "connection.url", url, "pk.fields", "device_id,seq,time",
                "batch.size", "5000", "connection.timeout.ms", "2000", "socket.timeout.ms", "5000",
                "statement.timeout.ms", "3000", "retry.backoff.max.ms", "2000"));
        int before = 1_000;
        int total = 6_000;
        send("hang", 0, before);
        awaitCount(url, "SELECT count(*) FROM hang", before);
        int clientPort = sinkClientPort("hang");
        int serverPort = fx.database.port();
        try (HungPostgres hung = HungPostgres.hang(fx.database.dataDir())) {
            send("hang", before, total); // a batch the sink starts writing to the hung server
            // the old sink waited on it for ever; now it must give the connection up while the server is still hung
            await().failFast("the sink task FAILED while the server was hung", () -> failed("hang"))
                    .atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(LoopbackSockets.established(clientPort, serverPort))
                            .as("the sink's connection from port %d to the hung server is open", clientPort).isFalse());
        }
        awaitCount(url, "SELECT count(*) FROM hang", total);
        assertThat(fx.count(url, "SELECT count(DISTINCT (device_id, seq)) FROM hang")).isEqualTo(total);
        assertThat(fx.count(url, "SELECT min(seq) + max(seq) FROM hang")).isEqualTo(total - 1);
        assertThat(stack.restClient().connectorStatus("hang").isRunning(1)).isTrue();
    }

    private boolean failed(String connector) {
        return stack.restClient().connectorStatus(connector).hasFailed();
    }

    /** The client port of the sink's one connection to database {@code database}. */
    private int sinkClientPort(String database) {
        String sql = "SELECT client_port FROM pg_stat_activity WHERE datname = '" + database
                + "' AND application_name = 'flead-timescale-sink'";
        await().atMost(WAIT).until(() -> fx.query(sql).size() == 1);
        return (Integer) fx.query(sql).get(0).get("client_port");
    }

    private void awaitCount(String url, String sql, long expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> assertThat(fx.count(url, sql)).as(sql).isEqualTo(expected));
    }

    private void send(String topic, int from, int to) {
        for (int i = from; i < to; i++) {
            fx.sendAsync(topic, "dev-" + i % 10, telemetry("dev-" + i % 10, i, T0 + i));
        }
        fx.producer.flush();
    }
}
