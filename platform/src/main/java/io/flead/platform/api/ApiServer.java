package io.flead.platform.api;

import io.flead.driftcheck.core.DriftSettings;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.platform.ProjectLayout;
import io.flead.platform.up.UpOptions;
import io.flead.runtime.TopicSpecs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API ({@code /api/…}) and the web console ({@code /}) on the JDK's HTTP server: every request passes the
 * {@link RequestGuard} (host, origin, bearer token, JSON bodies) first; JSON answers, JSON errors with a message and
 * the parameter at fault, and a small thread pool so a slow query cannot take every thread.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int THREADS = 4;
    /**
     * Sent with every answer: the console runs only its own scripts and styles (no inline script, so injected markup
     * cannot run), is never framed, and answers are not sniffed as another type nor referred to other sites.
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
        "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options", "nosniff",
        "X-Frame-Options", "DENY",
        "Referrer-Policy", "no-referrer");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router;
    private final ApiContext context;

    private ApiServer(HttpServer server, ExecutorService executor, Router router, ApiContext context) {
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.context = context;
    }

    /**
     * Binds {@code settings.host():settings.port()} (port 0: ephemeral) and serves until closed; {@code drift} are the
     * settings the running drift-check function has, which {@code POST /api/drift/check} checks a device with.
     */
    public static ApiServer start(ApiSettings settings, FunctionHealth functions, DriftSettings drift) {
        ApiContext context = new ApiContext(settings, functions, drift);
        Router router = Endpoints.routes(context);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (IOException e) {
            context.close();
            throw new IllegalStateException("Cannot bind the REST API to " + settings.host() + ":" + settings.port()
                + " (--api-port): " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "flead-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ApiServer api = new ApiServer(server, executor, router, context);
        RequestGuard guard = new RequestGuard(settings.token(), RequestGuard.hostsFor(settings.host(), api.port()),
            api.url().toString());
        ConsoleFiles console = new ConsoleFiles();
        server.createContext("/api/", exchange -> guarded(guard, exchange, api::serveApi));
        server.createContext("/", exchange -> guarded(guard, exchange, console::serve));
        server.setExecutor(executor);
        server.start();
        LOG.info("REST API and web console on {}", api.url());
        return api;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8088/}. */
    public URI url() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1" : server.getAddress().getHostString();
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Runs {@code handler} only for a request the guard lets through; answers any other with its JSON refusal. */
    private static void guarded(RequestGuard guard, HttpExchange exchange, HttpHandler handler) throws IOException {
        Headers h = exchange.getRequestHeaders();
        Optional<RequestGuard.Refusal> refusal = guard.check(new RequestGuard.Incoming(exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(), h.getFirst("Host"), h.getFirst("Origin"), h.getFirst("Authorization"),
            h.getFirst("Content-Type"), h.getFirst("Content-Length")));
        if (refusal.isEmpty()) {
            handler.handle(exchange);
            return;
        }
        try (exchange) {
            RequestGuard.Refusal r = refusal.get();
            LOG.debug("Refused {} {}: {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), r.status(),
                r.message());
            r.headers().forEach(exchange.getResponseHeaders()::set);
            send(exchange, r.status(), Json.write(error(r.status(), r.message(), null)), "application/json");
        }
    }

    private void serveApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Optional<Router.Match> match = router.match(exchange.getRequestMethod(), path);
            Object answer;
            int status = 200;
            try {
                if (match.isEmpty()) {
                    throw new ApiException(404, null, "No endpoint " + path + "; the API has: " + router.describe());
                }
                if (match.get().methodMismatch()) {
                    throw new ApiException(405, null, "Method " + exchange.getRequestMethod() + " not allowed on " + path);
                }
                answer = match.get().endpoint().handle(new Request(exchange, match.get().params()));
                if (answer instanceof Router.Raw raw) {
                    send(exchange, 200, raw.body(), raw.contentType());
                    return;
                }
                if (answer instanceof Router.Reply reply) {
                    status = reply.status();
                    answer = reply.body();
                }
            } catch (ApiException e) {
                status = e.status();
                answer = error(e.status(), e.getMessage(), e.parameter());
            } catch (Exception e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), path, e);
                status = 500;
                answer = error(500, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            }
            send(exchange, status, Json.write(answer), "application/json");
        }
    }

    static Map<String, Object> error(int status, String message, String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return body;
    }

    static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        SECURITY_HEADERS.forEach(headers::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The round-control topics fedavg reads and answers on (one partition each). */
    public static List<NewTopic> roundControlTopics(short replication) {
        return List.of(new NewTopic(FedAvgConfig.DEFAULT_ROUND_CONTROL, 1, replication).configs(TopicSpecs.KEEP_BY_AGE),
            new NewTopic(FedAvgConfig.DEFAULT_ROUND_CONTROL_REPLIES, 1, replication).configs(TopicSpecs.KEEP_BY_AGE));
    }

    /** {@code options} with fedavg reading the round-control topic, unless {@code --set} chose otherwise. */
    public static UpOptions withRoundControl(UpOptions options) {
        Map<String, Map<String, String>> config = new LinkedHashMap<>(options.functionConfig());
        Map<String, String> fedavg = new LinkedHashMap<>(config.getOrDefault("fedavg", Map.of()));
        fedavg.putIfAbsent(FedAvgConfig.TOPIC_ROUND_CONTROL, FedAvgConfig.DEFAULT_ROUND_CONTROL);
        fedavg.putIfAbsent(FedAvgConfig.TOPIC_ROUND_CONTROL_REPLIES, FedAvgConfig.DEFAULT_ROUND_CONTROL_REPLIES);
        config.put("fedavg", fedavg);
        return options.withFunctionConfig(config);
    }

    /** Where {@code flead bench latency} writes its CDF: {@code .flead/bench/latency} of the checkout, else of the work dir. */
    public static Path benchDir(Path workDir) {
        try {
            return ProjectLayout.root().resolve(".flead").resolve("bench").resolve("latency");
        } catch (IllegalStateException e) {
            return workDir.resolve("bench").resolve("latency");
        }
    }

    /** Streams states as text. */
    public static Map<String, String> states(Map<String, ?> states) {
        Map<String, String> out = new LinkedHashMap<>();
        states.forEach((name, state) -> out.put(name, String.valueOf(state)));
        return out;
    }

    /** Stops accepting, lets running requests finish for up to a second, then releases the Kafka clients. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        context.close();
        LOG.info("REST API stopped");
    }
}
