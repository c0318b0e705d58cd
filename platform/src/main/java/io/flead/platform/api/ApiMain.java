package io.flead.platform.api;

import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.LoggingDefaults;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the REST API and console on its own (the {@code flead-api} service of docker-compose), configured from
 * {@code FLEAD_*} environment variables: {@code FLEAD_API_TOKEN} (the bearer token API requests carry, required),
 * {@code FLEAD_JDBC_URL}, {@code FLEAD_DB_USER}, {@code FLEAD_DB_PASSWORD},
 * {@code FLEAD_BOOTSTRAP_SERVERS}, {@code FLEAD_CONNECT_URL}, {@code FLEAD_API_HOST}, {@code FLEAD_API_PORT},
 * {@code FLEAD_FUNCTION_HEALTH_URLS} ({@code name=url,…}) and {@code FLEAD_BENCH_DIR}.
 */
public final class ApiMain {
    private ApiMain() {
    }

    /**
     * The drift settings of the drift-check function deployed beside this API, read as that function reads them: from
     * the same {@code FLEAD_*} variables ({@code FLEAD_DRIFT_WINDOW_ROWS}…), which compose gives both.
     */
    static DriftSettings driftSettings(Map<String, String> env) {
        return DriftCheckConfig.settings(FunctionConfig.load(DriftCheckConfig.definition(), env, Map.of())).core();
    }

    public static void main(String[] args) throws InterruptedException {
        LoggingDefaults.apply("flead-api");
        Map<String, String> env = System.getenv();
        ApiSettings settings = ApiSettings.fromEnvironment(env);
        FunctionHealth health = FunctionHealth.fromUrls(FunctionHealth.parseUrls(env.getOrDefault("FLEAD_FUNCTION_HEALTH_URLS", "")));
        CountDownLatch stop = new CountDownLatch(1);
        try (ApiServer api = ApiServer.start(settings, health, driftSettings(env))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "flead-api-shutdown"));
            stop.await();
        }
    }
}
