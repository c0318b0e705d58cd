package io.flead.platform.api;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may open which door, decided from a request's method, path and headers before any endpoint runs. Every request
 * must name this server in its {@code Host} header (a DNS-rebinding page sends its own name) and, when a browser says
 * where the request comes from ({@code Origin}), come from this server's own origin. API requests other than
 * {@code /api/health} carry the bearer token; API writes send {@code application/json} of at most
 * {@link #MAX_BODY_BYTES}. The console's static files need no token: they hold no data.
 */
final class RequestGuard {
    /** Bodies above this size are refused (a prediction is a few kB). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String OPEN_PATH = "/api/health";
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String REALM = "Bearer realm=\"flead\"";

    /** What the guard reads of a request; absent headers are null. */
    record Incoming(String method, String path, String host, String origin, String authorization, String contentType,
                    String contentLength) {
    }

    /** A refused request: the status, the message of the JSON error and the headers to send with it. */
    record Refusal(int status, String message, Map<String, String> headers) {
        Refusal(int status, String message) {
            this(status, message, Map.of());
        }
    }

    private final ApiToken token;
    private final Set<String> hosts;
    private final String home;

    /** A guard for a server reachable as {@code hosts} ({@code name:port}, lower case); {@code home} is its URL. */
    RequestGuard(ApiToken token, Set<String> hosts, String home) {
        this.token = token;
        this.hosts = Set.copyOf(hosts);
        this.home = home;
    }

    /**
     * The names a browser on this machine uses for a server bound to {@code bindHost:port}: the loopback names and,
     * unless it is a wildcard address, the bind host itself. Port 80 may also go without its number.
     */
    static Set<String> hostsFor(String bindHost, int port) {
        Set<String> names = new LinkedHashSet<>(java.util.List.of("127.0.0.1", "localhost", "[::1]"));
        String bind = bindHost == null ? "" : bindHost.strip().toLowerCase(Locale.ROOT);
        if (!bind.isEmpty() && !bind.equals("0.0.0.0") && !bind.equals("::") && !bind.equals("[::]")) {
            names.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String name : names) {
            hosts.add(name + ":" + port);
            if (port == 80) {
                hosts.add(name);
            }
        }
        return hosts;
    }

    /** Why the request is refused, or empty when it may go on to its endpoint. */
    Optional<Refusal> check(Incoming r) {
        if (r.host() == null || r.host().isBlank()) {
            return Optional.of(new Refusal(400, "Missing Host header: use " + home));
        }
        String host = r.host().strip().toLowerCase(Locale.ROOT);
        if (!hosts.contains(host)) {
            return Optional.of(new Refusal(421, "Host '" + r.host() + "' does not name this server: use " + home
                + " (requests for other names, as DNS rebinding sends, are refused)"));
        }
        if (r.origin() != null && !r.origin().strip().equalsIgnoreCase("http://" + host)) {
            return Optional.of(new Refusal(403, "Cross-origin request from '" + r.origin() + "' refused: only the console at "
                + home + " may call the API"));
        }
        if (!r.path().startsWith("/api/") || r.path().equals(OPEN_PATH)) {
            return Optional.empty();
        }
        if (!token.admits(r.authorization())) {
            return Optional.of(unauthorized(r.authorization()));
        }
        return WRITES.contains(r.method()) ? body(r) : Optional.empty();
    }

    private Refusal unauthorized(String authorization) {
        if (authorization == null) {
            return new Refusal(401, "Missing API token: send 'Authorization: Bearer <token>'; flead up prints the token "
                + "and keeps it in <work dir>/api-token", Map.of("WWW-Authenticate", REALM));
        }
        return new Refusal(401, "Invalid API token in the Authorization header (expected 'Bearer <token>')",
            Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
    }

    private static Optional<Refusal> body(Incoming r) {
        String type = r.contentType() == null ? "" : r.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            return Optional.of(new Refusal(415, (r.contentType() == null ? "Missing Content-Type"
                : "Content-Type '" + r.contentType() + "' refused") + ": " + r.method() + " requests send application/json"));
        }
        if (r.contentLength() != null && tooLong(r.contentLength())) {
            return Optional.of(new Refusal(413, "Request body of " + r.contentLength() + " bytes refused: at most "
                + MAX_BODY_BYTES + " bytes"));
        }
        return Optional.empty();
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
