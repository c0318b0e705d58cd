package io.flead.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka, a distributed Connect worker and optionally PostgreSQL, started together in this JVM and closed in reverse. */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Path workDir;
    private final EmbeddedKafka kafka;
    private final EmbeddedConnect connect;
    private final EmbeddedPostgres postgres;

    private EmbeddedStack(Path workDir, EmbeddedKafka kafka, EmbeddedConnect connect, EmbeddedPostgres postgres) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.connect = connect;
        this.postgres = postgres;
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    public Path workDir() {
        return workDir;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedConnect connect() {
        return connect;
    }

    /** The PostgreSQL server; throws when the stack was built without it. */
    public EmbeddedPostgres postgres() {
        if (postgres == null) {
            throw new IllegalStateException("This stack was started without PostgreSQL; use builder(...).withPostgres(true)");
        }
        return postgres;
    }

    public boolean hasPostgres() {
        return postgres != null;
    }

    /** A REST client on the Connect worker. */
    public ConnectRestClient restClient() {
        return connect.restClient();
    }

    /** Closes PostgreSQL, then Connect, then Kafka; every part is closed even when one fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {postgres, connect, kafka}) {
            failure = closeQuietly(part, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeQuietly(AutoCloseable part, RuntimeException failure) {
        if (part == null) {
            return failure;
        }
        try {
            part.close();
            return failure;
        } catch (Exception e) {
            LOG.warn("Could not close {}", part.getClass().getSimpleName(), e);
            RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            if (failure != null) {
                failure.addSuppressed(wrapped);
                return failure;
            }
            return wrapped;
        }
    }

    /** Builds and starts an {@link EmbeddedStack}; Kafka data lives in {@code <workDir>/kafka}, PostgreSQL's in {@code <workDir>/postgres}. */
    public static final class Builder {
        private final Path workDir;
        private final List<Path> pluginDirs = new ArrayList<>();
        private final Map<String, String> brokerProps = new LinkedHashMap<>();
        private final Map<String, String> workerProps = new LinkedHashMap<>();
        private int restPort;
        private int postgresPort;
        private boolean withPostgres;
        private boolean exactlyOnceSource;
        private String groupId = ConnectSettings.DEFAULT_GROUP_ID;

        private Builder(Path workDir) {
            this.workDir = workDir.toAbsolutePath().normalize();
        }

        /** Adds a {@code plugin.path} entry, typically {@link PluginDirs#locate(String)}. */
        public Builder pluginDir(Path dir) {
            pluginDirs.add(dir);
            return this;
        }

        /** The Connect REST port; 0 (the default) is ephemeral. */
        public Builder connectRestPort(int port) {
            this.restPort = port;
            return this;
        }

        public Builder withPostgres(boolean start) {
            this.withPostgres = start;
            return this;
        }

        /** PostgreSQL's port; 0 (the default) picks a free one. */
        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        /** Turns on {@code exactly.once.source.support} on the worker. */
        public Builder exactlyOnceSource(boolean enabled) {
            this.exactlyOnceSource = enabled;
            return this;
        }

        public Builder connectGroupId(String id) {
            this.groupId = id;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            brokerProps.put(key, value);
            return this;
        }

        public Builder workerProperty(String key, String value) {
            workerProps.put(key, value);
            return this;
        }

        /** Starts Kafka, then Connect and PostgreSQL; what started is closed again when a later part fails. */
        public EmbeddedStack start() {
            createWorkDir();
            EmbeddedKafka kafka = EmbeddedKafka.start(workDir.resolve("kafka"), brokerProps);
            EmbeddedConnect connect = null;
            try {
                connect = EmbeddedConnect.start(ConnectSettings.builder(kafka.bootstrapServers())
                        .pluginDirs(pluginDirs).restPort(restPort).groupId(groupId)
                        .exactlyOnceSource(exactlyOnceSource).overrides(workerProps).build());
                EmbeddedPostgres postgres = withPostgres ? EmbeddedPostgres.start(workDir.resolve("postgres"), postgresPort) : null;
                LOG.info("Embedded stack up in {}: Kafka {}, Connect {}{}", workDir, kafka.bootstrapServers(), connect.restUrl(),
                        postgres == null ? "" : ", PostgreSQL " + postgres.jdbcUrl());
                return new EmbeddedStack(workDir, kafka, connect, postgres);
            } catch (RuntimeException e) {
                closeQuietly(connect, e);
                closeQuietly(kafka, e);
                throw e;
            }
        }

        private void createWorkDir() {
            try {
                Files.createDirectories(workDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create work directory " + workDir, e);
            }
        }
    }
}
