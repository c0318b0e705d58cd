package io.flead.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Kafka Connect worker in distributed mode running in this JVM, with its REST API. */
public final class EmbeddedConnect implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnect.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private ConnectSettings settings;
    private Connect<DistributedHerder> worker;
    private URI restUrl;

    private EmbeddedConnect(ConnectSettings settings) {
        this.settings = settings;
    }

    /** Starts a worker and waits until its REST API reports it healthy. */
    public static EmbeddedConnect start(ConnectSettings settings) {
        EmbeddedConnect connect = new EmbeddedConnect(settings);
        connect.start();
        return connect;
    }

    /**
     * Starts the worker again after {@link #stop()}; it rejoins its group and keeps its REST port,
     * so {@link #restUrl()} and clients made from it stay valid.
     */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        Map<String, String> props = ConnectWorkerConfig.properties(settings);
        requireFreePort(settings.restPort());
        warnAboutShadowedPlugins(settings);
        // before any worker of this JVM loads the Basic auth extension, which captures the JAAS configuration then
        ConnectRestRealm.install(settings.restLogin());
        worker = new ConnectDistributed().startConnect(props);
        restUrl = boundUrl(worker);
        settings = settings.withRestPort(restUrl.getPort());
        try {
            new ConnectRestClient(restUrl, settings.restLogin()).awaitHealthy(READY_TIMEOUT);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("Connect worker of group '{}' started, REST API on {}{}", settings.groupId(), restUrl,
                settings.restLogin() == null ? "" : " (HTTP Basic, user '" + settings.restLogin().user()
                        + "', password in " + settings.restLogin().passwordFile() + ")");
    }

    /** Stops the worker gracefully (its tasks commit and leave the group); Kafka keeps its configs and offsets. */
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        try {
            worker.stop();
            worker.awaitStop();
            LOG.info("Connect worker of group '{}' on {} stopped", settings.groupId(), restUrl);
        } finally {
            worker = null;
        }
    }

    /** Stops and starts the worker against the same Kafka cluster and group. */
    public void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return worker != null;
    }

    /** The REST API's base URI, for example {@code http://localhost:41234/}. */
    public synchronized URI restUrl() {
        return restUrl;
    }

    /** A REST client on this worker, signed in with its REST login when it has one. */
    public ConnectRestClient restClient() {
        return new ConnectRestClient(restUrl(), settings().restLogin());
    }

    /** The settings the worker runs with (REST port resolved once bound). */
    public synchronized ConnectSettings settings() {
        return settings;
    }

    /** The worker's herder, for callers that need Connect's Java API; null when stopped. */
    public synchronized DistributedHerder herder() {
        return worker == null ? null : worker.herder();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Connect's CLI calls {@code Exit.exit(3)} when its REST server cannot bind, which would end this JVM;
     * checking the port first turns the common case into an exception.
     */
    private static void requireFreePort(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("localhost"), port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Connect: REST port " + port + " on localhost is in use (" + e.getMessage() + ")", e);
        }
    }

    private static void warnAboutShadowedPlugins(ConnectSettings settings) {
        for (Path entry : settings.pluginPath()) {
            List<String> shadowed = PluginDirs.shadowedByClasspath(entry);
            if (!shadowed.isEmpty()) {
                LOG.warn("Plugin classes {} in plugin.path entry {} are also on the classpath; Connect will load the "
                        + "classpath copies, not the packaged plugin", shadowed, entry);
            }
        }
    }

    private static URI boundUrl(Connect<DistributedHerder> worker) {
        URI url = worker.rest().serverUrl();
        if (url == null || url.getPort() <= 0) {
            url = worker.rest().advertisedUrl();
        }
        return url;
    }
}
