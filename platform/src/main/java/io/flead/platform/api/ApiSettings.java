package io.flead.platform.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the API listens and what it reads.
 *
 * @param host             address to bind (127.0.0.1 by default: the console is for this machine)
 * @param port             port to bind; 0 for an ephemeral port
 * @param jdbcUrl          the sink's database
 * @param dbUser           database user (when the URL does not carry one)
 * @param dbPassword       database password (when the URL does not carry one)
 * @param bootstrapServers the Kafka cluster (topic offsets, consumer lag, round control)
 * @param connectUrl       Kafka Connect's REST API (connector and task states)
 * @param benchDir         where {@code flead bench latency} leaves its latest CDF ({@code latency-cdf.svg}/{@code .csv})
 * @param token            the bearer token every API request but {@code /api/health} must carry
 */
public record ApiSettings(String host, int port, String jdbcUrl, String dbUser, String dbPassword,
                          String bootstrapServers, URI connectUrl, Path benchDir, ApiToken token) {
    public ApiSettings {
        java.util.Objects.requireNonNull(token, "token");
    }

    public static final int DEFAULT_PORT = 8088;
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The settings of the standalone API ({@code flead-api} in docker-compose) from {@code FLEAD_*} variables. */
    public static ApiSettings fromEnvironment(Map<String, String> env) {
        String port = env.getOrDefault("FLEAD_API_PORT", Integer.toString(DEFAULT_PORT));
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + port + "' for FLEAD_API_PORT: must be a port number");
        }
        return new ApiSettings(env.getOrDefault("FLEAD_API_HOST", DEFAULT_HOST), p, required(env, "FLEAD_JDBC_URL"),
            env.get("FLEAD_DB_USER"), env.getOrDefault("FLEAD_DB_PASSWORD", ""), required(env, "FLEAD_BOOTSTRAP_SERVERS"),
            URI.create(env.getOrDefault("FLEAD_CONNECT_URL", "http://localhost:8083/")),
            Path.of(env.getOrDefault("FLEAD_BENCH_DIR", ".flead/bench/latency")),
            ApiToken.parse(required(env, "FLEAD_API_TOKEN"), "FLEAD_API_TOKEN"));
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Missing environment variable " + name);
        }
        return v;
    }
}
