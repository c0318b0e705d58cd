package io.flead.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Option;

/** A single-node KRaft broker and controller running in this JVM from Kafka's production classes. */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String META_PROPERTIES = "meta.properties";

    private final Path logDir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(Path logDir, KafkaRaftServer server, String bootstrapServers) {
        this.logDir = logDir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a node on {@code dataDir}, formatting it first when it holds no Kafka log yet. */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Starts a node on {@code dataDir} with {@code brokerProps} added to (or overriding) the defaults. */
    public static EmbeddedKafka start(Path dataDir, Map<String, String> brokerProps) {
        Path logDir = dataDir.toAbsolutePath().resolve("kafka-logs");
        Map<String, String> props = KafkaNodeConfig.properties(logDir, brokerProps);
        formatIfNeeded(logDir);
        Properties properties = new Properties();
        properties.putAll(props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        try {
            server.startup();
            String bootstrap = "localhost:" + brokerPort(server);
            EmbeddedKafka kafka = new EmbeddedKafka(logDir, server, bootstrap);
            kafka.awaitReady();
            LOG.info("Kafka broker started on {} with data in {}", bootstrap, logDir);
            return kafka;
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw e;
        }
    }

    /** The {@code host:port} clients use as {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path logDir() {
        return logDir;
    }

    /** A new admin client on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"));
    }

    /** Creates a topic with replication factor 1, doing nothing when it exists already. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic '" + name + "': " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic '" + name + "'", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic '" + name + "'", e);
        }
    }

    /** Stops the broker and controller and waits for them to finish. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(server);
        LOG.info("Kafka broker on {} stopped", bootstrapServers);
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker on " + bootstrapServers + " did not answer: " + e, e);
        }
    }

    private static void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            // The initial voter's directory id becomes the metadata log directory's id.
            String initialController = KafkaNodeConfig.NODE_ID + "@localhost:0:" + Uuid.randomUuid();
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(KafkaNodeConfig.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setControllerListenerName(KafkaNodeConfig.CONTROLLER_LISTENER)
                    .setInitialControllers(DynamicVoters.parse(initialController))
                    .setHasDynamicQuorum(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** KafkaRaftServer keeps its broker private; the bound port is only known to it. */
    private static int brokerPort(KafkaRaftServer server) {
        try {
            Field field = KafkaRaftServer.class.getDeclaredField("broker");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Option<BrokerServer> broker = (Option<BrokerServer>) field.get(server);
            return broker.get().boundPort(ListenerName.normalised(KafkaNodeConfig.BROKER_LISTENER));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the bound port of the embedded broker", e);
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not shut down cleanly", e);
        }
    }
}
