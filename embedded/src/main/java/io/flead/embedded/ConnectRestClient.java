package io.flead.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A client of Kafka Connect's REST API over real HTTP; error answers become {@link ConnectRestException}. */
public final class ConnectRestClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(95);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final String VALIDATION_NAME = "flead-validate";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final URI baseUrl;
    private final String authorization;
    private final HttpClient http;

    /**
     * A client of the worker whose REST API is at {@code baseUrl} (for example {@code http://localhost:8083/}). User
     * info in the URL ({@code http://user:password@connect:8083/}) is sent as HTTP Basic credentials on every request
     * and kept out of {@link #baseUrl()} and of every message.
     */
    public ConnectRestClient(URI baseUrl) {
        this(baseUrl, baseUrl.getUserInfo() == null ? null : basic(baseUrl.getUserInfo()));
    }

    /**
     * A client of the worker at {@code baseUrl} signed in as {@code login} (HTTP Basic, the password read from its file
     * now); a null login signs in with the URL's user info, if any.
     */
    public ConnectRestClient(URI baseUrl, ConnectRestLogin login) {
        this(baseUrl, login == null ? (baseUrl.getUserInfo() == null ? null : basic(baseUrl.getUserInfo()))
                : basic(login.user() + ":" + login.password()));
    }

    private ConnectRestClient(URI baseUrl, String authorization) {
        String text = withoutUserInfo(baseUrl).toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        return URI.create(url.toString().replaceFirst(Pattern.quote(url.getRawUserInfo() + "@"), ""));
    }

    /** The {@code Authorization} value of HTTP Basic for {@code user:password} (decoded user info of a URL). */
    static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    public URI baseUrl() {
        return baseUrl;
    }

    // ---- connectors ------------------------------------------------------------------------

    /** {@code PUT /connectors/{name}/config}: creates or updates; the answer is returned as is, errors included. */
    public ConnectResponse putConnectorConfig(String name, Map<String, String> config) {
        return send("PUT", connectorPath(name) + "/config", toJson(config));
    }

    /** Like {@link #putConnectorConfig} but throws {@link ConnectRestException} unless Connect accepted the config. */
    public void putConnectorConfigOrThrow(String name, Map<String, String> config) {
        check("PUT " + connectorPath(name) + "/config", putConnectorConfig(name, config));
    }

    /** {@code GET /connectors}: the names of all connectors. */
    public List<String> connectors() {
        return convert(call("GET", "connectors", null), new TypeReference<List<String>>() { });
    }

    /** {@code GET /connectors/{name}/config}. */
    public Map<String, String> connectorConfig(String name) {
        return convert(call("GET", connectorPath(name) + "/config", null), new TypeReference<Map<String, String>>() { });
    }

    /** {@code GET /connectors/{name}/status}. */
    public ConnectorStatus connectorStatus(String name) {
        return ConnectJson.status(call("GET", connectorPath(name) + "/status", null));
    }

    /** Waits until the connector and exactly {@code tasks} tasks run; fails fast with the trace when any failed. */
    public ConnectorStatus awaitRunning(String name, int tasks, Duration timeout) {
        return awaitStatus(name, s -> s.isRunning(tasks), "RUNNING with " + tasks + " task(s)", timeout);
    }

    /** Waits until the connector's own state is {@code state} (for example STOPPED or PAUSED). */
    public ConnectorStatus awaitState(String name, String state, Duration timeout) {
        return awaitStatus(name, s -> state.equals(s.state()), state, timeout);
    }

    /** Polls the status until {@code condition} holds; throws when a connector or task FAILED or on timeout. */
    public ConnectorStatus awaitStatus(String name, Predicate<ConnectorStatus> condition, String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectorStatus last = null;
        while (System.nanoTime() < deadline) {
            last = statusIfExists(name);
            if (last != null && condition.test(last)) {
                return last;
            }
            if (last != null && last.hasFailed()) {
                throw new IllegalStateException("Connector '" + name + "' failed while waiting for " + expected
                        + ": " + last.firstTrace());
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("Connector '" + name + "' not " + expected + " after " + timeout + "; last status: " + last);
    }

    /** {@code PUT /connectors/{name}/pause}. */
    public void pause(String name) {
        call("PUT", connectorPath(name) + "/pause", null);
    }

    /** {@code PUT /connectors/{name}/resume}. */
    public void resume(String name) {
        call("PUT", connectorPath(name) + "/resume", null);
    }

    /** {@code PUT /connectors/{name}/stop} (KIP-875): tasks shut down, the config stays. */
    public void stop(String name) {
        call("PUT", connectorPath(name) + "/stop", null);
    }

    /** {@code POST /connectors/{name}/restart?includeTasks=…&onlyFailed=false}. */
    public void restart(String name, boolean includeTasks) {
        call("POST", connectorPath(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=false", null);
    }

    /** {@code DELETE /connectors/{name}}. */
    public void delete(String name) {
        call("DELETE", connectorPath(name), null);
    }

    // ---- offsets (KIP-875) -----------------------------------------------------------------

    /** {@code GET /connectors/{name}/offsets}. */
    public List<ConnectorOffset> getOffsets(String name) {
        return ConnectJson.offsets(call("GET", connectorPath(name) + "/offsets", null));
    }

    /** {@code PATCH /connectors/{name}/offsets}; the connector must be STOPPED. Returns Connect's message. */
    public String alterOffsets(String name, List<ConnectorOffset> offsets) {
        Map<String, Object> body = Map.of("offsets", offsets);
        return ConnectJson.message(call("PATCH", connectorPath(name) + "/offsets", toJson(body)));
    }

    /** {@code DELETE /connectors/{name}/offsets}; the connector must be STOPPED. Returns Connect's message. */
    public String resetOffsets(String name) {
        return ConnectJson.message(call("DELETE", connectorPath(name) + "/offsets", null));
    }

    // ---- plugins ---------------------------------------------------------------------------

    /** {@code GET /connector-plugins?connectorsOnly=…}. */
    public List<PluginInfo> listPlugins(boolean connectorsOnly) {
        return ConnectJson.plugins(call("GET", "connector-plugins?connectorsOnly=" + connectorsOnly, null));
    }

    /**
     * {@code PUT /connector-plugins/{class}/config/validate}. {@code connector.class} and {@code name} are added
     * when absent, so the answer is about the plugin's own keys, not a missing connector name.
     */
    public ConfigValidation validate(String pluginClass, Map<String, String> config) {
        Map<String, String> body = new LinkedHashMap<>(config);
        body.putIfAbsent("connector.class", pluginClass);
        body.putIfAbsent("name", VALIDATION_NAME);
        String path = "connector-plugins/" + encode(pluginClass) + "/config/validate";
        return ConnectJson.validation(pluginClass, call("PUT", path, toJson(body)));
    }

    // ---- worker ----------------------------------------------------------------------------

    /** {@code GET /}: the worker's version, commit and cluster id. */
    public Map<String, Object> serverInfo() {
        return convert(call("GET", "", null), MAP);
    }

    /** Waits until {@code GET /health} answers 200 (the worker joined its group and read its configs). */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                ConnectResponse answer = send("GET", "health", null);
                if (answer.status() == 200) {
                    return;
                }
                last = answer.status() + " " + answer.body();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString();
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("Connect worker at " + baseUrl + " not healthy after " + timeout + ": " + last);
    }

    /** Sends a request and returns the raw answer; only I/O problems throw. */
    public ConnectResponse send(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ConnectResponse(response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new UncheckedIOException(method + " " + request.uri() + ": connection refused", e);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + request.uri(), e);
        }
    }

    private JsonNode call(String method, String path, String jsonBody) {
        ConnectResponse answer = send(method, path, jsonBody);
        check(method + " " + baseUrl.resolve(path), answer);
        return ConnectJson.parse(answer.body());
    }

    private ConnectorStatus statusIfExists(String name) {
        ConnectResponse answer = send("GET", connectorPath(name) + "/status", null);
        if (answer.status() == 404) {
            return null;
        }
        check("GET status of '" + name + "'", answer);
        return ConnectJson.status(ConnectJson.parse(answer.body()));
    }

    private static void check(String request, ConnectResponse answer) {
        if (!answer.isSuccess()) {
            throw new ConnectRestException(request, answer.status(), ConnectJson.errorMessage(answer.body()));
        }
    }

    private static String connectorPath(String name) {
        return "connectors/" + encode(name);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode request body as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T convert(JsonNode node, TypeReference<T> type) {
        return JSON.convertValue(node, type);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while polling Connect", e);
        }
    }
}
