package io.flead.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an embedded Connect worker needs: the broker, its plugin directories, REST port, group, overrides and the login
 * of its REST API (null: no authentication).
 */
public record ConnectSettings(
        String bootstrapServers,
        List<Path> pluginPath,
        int restPort,
        String groupId,
        boolean exactlyOnceSource,
        Map<String, String> overrides,
        ConnectRestLogin restLogin) {

    public static final String DEFAULT_GROUP_ID = "flead-connect";

    public ConnectSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (restPort < 0 || restPort > 65535) {
            throw new IllegalArgumentException("Invalid REST port " + restPort + ": must be 0 (ephemeral) or 1-65535");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("Invalid Connect group id '" + groupId + "': must not be blank");
        }
        pluginPath = List.copyOf(pluginPath);
        overrides = Map.copyOf(overrides);
    }

    /** A builder with the defaults: no plugin directories, ephemeral REST port, group {@value #DEFAULT_GROUP_ID}, EOS off. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** The same settings on another REST port (used to keep the port across a worker restart). */
    public ConnectSettings withRestPort(int port) {
        return new ConnectSettings(bootstrapServers, pluginPath, port, groupId, exactlyOnceSource, overrides, restLogin);
    }

    /** Builds {@link ConnectSettings}. */
    public static final class Builder {
        private final String bootstrapServers;
        private final List<Path> pluginPath = new ArrayList<>();
        private int restPort;
        private String groupId = DEFAULT_GROUP_ID;
        private boolean exactlyOnceSource;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private ConnectRestLogin restLogin;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        /** Adds a {@code plugin.path} entry: a directory holding one sub-directory per plugin. */
        public Builder pluginDir(Path dir) {
            pluginPath.add(dir);
            return this;
        }

        public Builder pluginDirs(List<Path> dirs) {
            pluginPath.addAll(dirs);
            return this;
        }

        /** The REST port; 0 (the default) binds an ephemeral port. */
        public Builder restPort(int port) {
            this.restPort = port;
            return this;
        }

        /** The Connect group; internal topics are named after it. */
        public Builder groupId(String id) {
            this.groupId = id;
            return this;
        }

        /** Sets {@code exactly.once.source.support} to enabled (true) or disabled. */
        public Builder exactlyOnceSource(boolean enabled) {
            this.exactlyOnceSource = enabled;
            return this;
        }

        /** A worker property that wins over the defaults. */
        public Builder override(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public Builder overrides(Map<String, String> props) {
            overrides.putAll(props);
            return this;
        }

        /**
         * Puts every REST request but the workers' own (signed) ones behind HTTP Basic authentication as
         * {@code login}: Kafka's {@code BasicAuthSecurityRestExtension}, asking {@link ConnectRestRealm}.
         */
        public Builder restLogin(ConnectRestLogin login) {
            this.restLogin = login;
            return this;
        }

        public ConnectSettings build() {
            return new ConnectSettings(bootstrapServers, pluginPath, restPort, groupId, exactlyOnceSource, overrides,
                    restLogin);
        }
    }
}
