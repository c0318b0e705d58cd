package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code flead up} counts as replayed after the demo files changed: on a real KRaft broker, rows an earlier
 * generation of the files left on the topics do not count, rows of the files left unchanged are carried, and reports
 * about whole files are not rows in error.
 */
class ReplayCountIT {

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;

    @BeforeEach
    void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    }

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, int count, String value) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, "device_" + (i % 3), value));
        }
        producer.flush();
    }

    @Test
    void rowsOfReplacedFilesBeforeTheStartDoNotCountAndFileReportsAreNotRows() throws Exception {
        String row = "{\"device_id\":\"device_1\",\"ts\":1,\"seq\":2,\"features\":{}}";
        String badRow = "{\"file\":\"device_1.csv\",\"line\":5,\"column\":2,\"reason\":\"unparseable number 'x'\"}";
        String changed = "{\"file\":\"device_1.csv\",\"line\":0,\"column\":0,\"reason\":\"file changed since its offset "
            + "was stored: it is 10 bytes, shorter than the stored position 90 (line 4); replaying it from its start "
            + "('file.changed.policy'=restart)\"}";
        ReplayStart start;
        try (Admin admin = kafka.admin();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                 kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            PipelineTopics.ensure(admin, 2, (short) 1);
            send(producer, PipelineTopics.TELEMETRY, 30, row); // the first generation of the files
            send(producer, PipelineTopics.SOURCE_ERRORS, 1, badRow);

            start = ReplayStart.capture(admin, List.of(PipelineTopics.TELEMETRY, PipelineTopics.SOURCE_ERRORS), 10);
            assertThat(start.offsets().keySet()).extracting(tp -> tp.topic())
                .containsOnly(PipelineTopics.TELEMETRY, PipelineTopics.SOURCE_ERRORS);
            assertThat(start.offsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(31);

            send(producer, PipelineTopics.SOURCE_ERRORS, 2, changed); // the second: two files replaced
            send(producer, PipelineTopics.TELEMETRY, 20, row);
            send(producer, PipelineTopics.SOURCE_ERRORS, 1, badRow);
            ReplayStart now = ReplayStart.capture(admin, List.of(PipelineTopics.TELEMETRY, PipelineTopics.SOURCE_ERRORS), 0);
            assertThat(start.validFor(now.clusterId(), now.offsets())).isEqualTo(start);
        }

        try (PipelineProbe probe = new PipelineProbe(kafka.bootstrapServers(), 31, start)) {
            PipelineSnapshot s = probe.sample();
            assertThat(s.rowsReplayed()).as("10 rows of unchanged files carried, 20 replayed since").isEqualTo(30);
            assertThat(s.rowsInError()).isEqualTo(1);
            assertThat(s.replayDone()).isTrue();
        }
        try (PipelineProbe probe = new PipelineProbe(kafka.bootstrapServers(), 31)) {
            PipelineSnapshot s = probe.sample();
            assertThat(s.rowsReplayed()).isEqualTo(50);
            assertThat(s.rowsInError()).isEqualTo(2);
        }
    }
}
