package io.flead.bench.e2e;

import io.flead.embedded.EmbeddedKafka;
import io.flead.embedded.FileTrees;
import io.flead.platform.up.PipelineTopics;
import io.flead.platform.up.Platform;
import io.flead.platform.up.UpOptions;
import io.flead.runtime.TopicSpecs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The platform {@code flead up} runs (Connect, PostgreSQL, datagen, connectors, the four Streams apps), on a broker
 * this bench starts first so that it can create the pipeline topics itself: the same topics, optionally with the
 * telemetry topic stamping each record with its broker append time.
 */
final class BenchPlatform implements AutoCloseable {
    static final int PARTITIONS = 4;

    private final EmbeddedKafka kafka;
    private final Platform platform;

    private BenchPlatform(EmbeddedKafka kafka, Platform platform) {
        this.kafka = kafka;
        this.platform = platform;
    }

    /**
     * A fresh {@code work} directory, the broker and topics, then {@link Platform#start} with {@code upArgs};
     * {@code onTopics} gets the bootstrap servers once the topics exist, before anything is replayed.
     */
    static BenchPlatform start(Path work, boolean appendTime, List<String> upArgs, Consumer<String> onTopics) {
        clear(work);
        EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"));
        try {
            try (Admin admin = kafka.admin()) {
                TopicSpecs.ensure(admin, topics(appendTime));
            }
            onTopics.accept(kafka.bootstrapServers());
            List<String> args = new java.util.ArrayList<>(List.of("--work-dir", work.toString(),
                "--external-kafka", kafka.bootstrapServers(), "--connect-port", "0", "--pg-port", "0",
                "--api-port", "0", "--headless", "--exit-when-done"));
            args.addAll(upArgs);
            return new BenchPlatform(kafka, Platform.start(UpOptions.parse(args.toArray(String[]::new))));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    static List<NewTopic> topics(boolean appendTime) {
        return PipelineTopics.all(PARTITIONS, (short) 1).stream()
            .map(t -> appendTime && t.name().equals(PipelineTopics.TELEMETRY) ? stampedOnAppend(t) : t).toList();
    }

    private static NewTopic stampedOnAppend(NewTopic t) {
        Map<String, String> configs = new HashMap<>(t.configs());
        configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        return new NewTopic(t.name(), t.numPartitions(), t.replicationFactor()).configs(configs);
    }

    Platform platform() {
        return platform;
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** The embedded PostgreSQL's data directory (where {@code postmaster.pid} is). */
    Path postgresDir() {
        return platform.options().workDir().resolve("postgres");
    }

    private static void clear(Path dir) {
        FileTrees.delete(dir);
    }

    /** Stops the platform and the broker, and deletes the work directory (gigabytes at full size). */
    @Override
    public void close() {
        Path work = platform.options().workDir();
        platform.close();
        kafka.close();
        clear(work);
    }
}
