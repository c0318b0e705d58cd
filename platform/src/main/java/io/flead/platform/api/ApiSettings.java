package io.flead.platform.api;

import io.flead.platform.up.JdbcUrls;
import io.flead.runtime.KafkaClientSecurity;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * @param connectUrl       Kafka Connect's REST API (connector and task states); user info is its HTTP Basic login
 * @param benchDir         where {@code flead bench latency} leaves its latest CDF ({@code latency-cdf.svg}/{@code .csv})
 * @param token            the bearer token every API request but {@code /api/health} must carry
 * @param kafkaSecurity    the security of its Kafka clients ({@link KafkaClientSecurity}: security.protocol, sasl.*)
 */
public record ApiSettings(String host, int port, String jdbcUrl, String dbUser, String dbPassword,
                          String bootstrapServers, URI connectUrl, Path benchDir, ApiToken token,
                          Map<String, Object> kafkaSecurity) {
    public ApiSettings {
        java.util.Objects.requireNonNull(token, "token");
        kafkaSecurity = Map.copyOf(kafkaSecurity);
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
            ApiToken.parse(required(env, "FLEAD_API_TOKEN"), "FLEAD_API_TOKEN"), KafkaClientSecurity.fromEnvironment(env));
    }

    /** The properties every Kafka client of the API starts from: the bootstrap servers and the client security. */
    public Map<String, Object> kafkaClient() {
        Map<String, Object> props = new LinkedHashMap<>(kafkaSecurity);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /** The settings without a secret: the database password, Connect's password and the token are masked. */
    @Override
    public String toString() {
        return "ApiSettings[host=" + host + ", port=" + port + ", jdbcUrl=" + JdbcUrls.masked(jdbcUrl) + ", dbUser="
            + dbUser + ", dbPassword=" + (dbPassword == null || dbPassword.isEmpty() ? "(none)" : "***")
            + ", bootstrapServers=" + bootstrapServers + ", connectUrl=" + maskedUserInfo(connectUrl) + ", benchDir="
            + benchDir + ", token=" + token + ", kafkaSecurity=" + kafkaSecurity + "]";
    }

    private static String maskedUserInfo(URI url) {
        if (url == null || url.getRawUserInfo() == null) {
            return String.valueOf(url);
        }
        String user = url.getRawUserInfo().split(":", 2)[0];
        return url.toString().replace(url.getRawUserInfo() + "@", user + ":***@");
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Missing environment variable " + name);
        }
        return v;
    }
}
