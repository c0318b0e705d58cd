package io.flead.bench.streams;

import io.flead.bench.TopicWatch;
import io.flead.embedded.EmbeddedKafka;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.runtime.StreamsAppRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A global model with pooled statistics and trained weights, made by the real loop before anything is scored:
 * local-train over a telemetry topic, then fedavg over its updates until every update is aggregated.
 */
public final class ModelSeed {
    private ModelSeed() {
    }

    /** Runs local-train over {@code local-train}'s configured telemetry topic until it has committed all of it. */
    public static void train(EmbeddedKafka kafka, BenchApps apps, String telemetryTopic, Map<String, String> settings)
            throws Exception {
        try (Admin admin = kafka.admin(); StreamsAppRunner app = apps.localTrain("bench-seed-local-train", settings)) {
            new GroupCatchUp(admin, telemetryTopic).awaitCommitted("bench-seed-local-train", Duration.ofMinutes(10));
        }
    }

    /**
     * Runs fedavg over {@code local-model-updates} until it is consumed and no new model appears for 2 s.
     *
     * @return the version of the latest global model
     */
    public static long aggregate(EmbeddedKafka kafka, BenchApps apps, int roundSize, Map<String, String> settings)
            throws Exception {
        try (Admin admin = kafka.admin(); StreamsAppRunner fedavg = apps.fedAvg("bench-seed-fedavg", roundSize, settings)) {
            new GroupCatchUp(admin, "local-model-updates").awaitCommitted("bench-seed-fedavg", Duration.ofMinutes(10));
            TopicWatch models = new TopicWatch(admin, "global-model-updates");
            long before;
            do {
                before = models.records();
                BenchApps.sleep(2_000);
            } while (models.records() != before);
            List<ConsumerRecord<String, byte[]>> published =
                TopicReader.read(kafka.bootstrapServers(), "global-model-updates", Integer.MAX_VALUE);
            if (published.isEmpty()) {
                throw new IllegalStateException("fedavg published no global model from the local updates: too few"
                    + " updates for one round of " + roundSize + " devices");
            }
            return JsonCodec.decode(published.get(published.size() - 1).value(), GlobalModel.class).version();
        }
    }
}
