package io.flead.bench.streams;

import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.streams.FedAvgTopology;
import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.localtrain.streams.LocalTrainTopology;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.StreamsAppRunner;
import io.flead.score.config.ScoreConfig;
import io.flead.score.streams.ScoreTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Starts the functions' real topologies as Streams apps through their own config classes (as {@code flead up} does),
 * plus a pass-through app (read, write unchanged) under the same shared settings, each with its own id and state dir.
 */
public final class BenchApps {
    /** flead up's training parameters for local-train (platform FunctionApps): 10 epochs at rate 0.5. */
    static final Map<String, String> FLEAD_UP_TRAINING = Map.of(
        LocalTrainSettings.EPOCHS, "10", LocalTrainSettings.LEARNING_RATE, "0.5");

    private final String bootstrap;
    private final Path stateRoot;

    public BenchApps(String bootstrap, Path stateRoot) {
        this.bootstrap = bootstrap;
        this.stateRoot = stateRoot;
    }

    /** Streams settings as function config overrides: a guarantee, a commit interval and a record cache size. */
    public static Map<String, String> streamsSettings(String guarantee, long commitMs, long cacheBytes) {
        return Map.of(FunctionConfig.PROCESSING_GUARANTEE, guarantee,
            FunctionConfig.COMMIT_INTERVAL_MS, Long.toString(commitMs),
            FunctionConfig.STREAMS_PREFIX + "statestore.cache.max.bytes", Long.toString(cacheBytes));
    }

    public StreamsAppRunner passThrough(String id, String in, String out, Map<String, String> settings) {
        FunctionConfig config = config(FunctionConfig.baseDefinition(id), id, settings);
        return started(StreamsAppRunner.start(config, b ->
            b.stream(in, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(out, Produced.with(Serdes.String(), Serdes.ByteArray()))));
    }

    public StreamsAppRunner localTrain(String id, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(FLEAD_UP_TRAINING);
        all.putAll(settings);
        FunctionConfig config = config(LocalTrainConfig.definition(), id, all);
        LocalTrainConfig.Settings topology = LocalTrainConfig.settings(config);
        return started(StreamsAppRunner.start(config, b -> LocalTrainTopology.build(b, topology)));
    }

    public StreamsAppRunner score(String id, Map<String, String> settings) {
        FunctionConfig config = config(ScoreConfig.definition(), id, settings);
        ScoreConfig.Settings topology = ScoreConfig.settings(config);
        return started(StreamsAppRunner.start(config, b -> ScoreTopology.build(b, topology)));
    }

    /**
     * fedavg with round size {@code k}. The bench's updates were all trained from version 0 (local-train ran before any
     * round), so max.staleness is raised: rounds down-weight them by (1+tau)^-0.5 instead of rejecting them as stale.
     */
    public StreamsAppRunner fedAvg(String id, int k, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(Map.of(FedAvgSettings.ROUND_SIZE, Integer.toString(k),
            FedAvgSettings.MAX_STALENESS, Integer.toString(Integer.MAX_VALUE)));
        all.putAll(settings);
        FunctionConfig config = config(FedAvgConfig.definition(), id, all);
        FedAvgConfig.Settings topology = FedAvgConfig.settings(config);
        return started(StreamsAppRunner.start(config, b -> FedAvgTopology.build(b, topology)));
    }

    private FunctionConfig config(org.apache.kafka.common.config.ConfigDef definition, String id,
                                  Map<String, String> settings) {
        Map<String, String> values = new LinkedHashMap<>(settings);
        values.put(FunctionConfig.APPLICATION_ID, id);
        values.put(FunctionConfig.BOOTSTRAP_SERVERS, bootstrap);
        values.put(FunctionConfig.STATE_DIR, stateRoot.resolve(id).toString());
        values.put(FunctionConfig.HEALTH_PORT, "-1");
        values.put(FunctionConfig.TOPICS_CREATE, "false");
        return FunctionConfig.load(definition, Map.of(), values);
    }

    /** Waits until the app is RUNNING (its global tables restored), so timings do not include its start. */
    private static StreamsAppRunner started(StreamsAppRunner runner) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (runner.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || runner.state() == KafkaStreams.State.ERROR) {
                runner.close();
                throw new IllegalStateException("Streams app did not reach RUNNING: " + runner.state());
            }
            sleep(20);
        }
        return runner;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
