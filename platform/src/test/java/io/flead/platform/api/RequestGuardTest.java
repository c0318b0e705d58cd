package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestGuardTest {
    static final String TOKEN = "t0k3n_".repeat(8);
    static final String BEARER = "Bearer " + TOKEN;
    static final RequestGuard GUARD = new RequestGuard(ApiToken.parse(TOKEN, "test"),
        RequestGuard.hostsFor("127.0.0.1", 8088), "http://127.0.0.1:8088/");

    static Stream<Arguments> requests() {
        String json = "application/json";
        return Stream.of(
            // method, path, Host, Origin, Authorization, Content-Type, Content-Length -> status (0: let through)
            Arguments.of("GET", "/api/models", "127.0.0.1:8088", null, BEARER, null, null, 0),
            Arguments.of("GET", "/api/models", "localhost:8088", null, BEARER, null, null, 0),
            Arguments.of("GET", "/api/models", "LOCALHOST:8088", null, BEARER, null, null, 0),
            Arguments.of("GET", "/api/models", "[::1]:8088", null, BEARER, null, null, 0),
            Arguments.of("GET", "/api/models", "127.0.0.1:8088", "http://127.0.0.1:8088", BEARER, null, null, 0),
            Arguments.of("GET", "/api/models", "localhost:8088", "http://localhost:8088", BEARER, null, null, 0),
            Arguments.of("POST", "/api/rounds/close", "127.0.0.1:8088", "http://127.0.0.1:8088", BEARER, json, "0", 0),
            Arguments.of("POST", "/api/predict", "127.0.0.1:8088", null, BEARER, "application/json; charset=utf-8", "900", 0),
            // no token, a wrong one, another scheme
            Arguments.of("GET", "/api/models", "127.0.0.1:8088", null, null, null, null, 401),
            Arguments.of("GET", "/api/devices/device_1", "127.0.0.1:8088", null, "Bearer wrong", null, null, 401),
            Arguments.of("GET", "/api/models", "127.0.0.1:8088", null, "Basic " + TOKEN, null, null, 401),
            Arguments.of("POST", "/api/rounds/close", "127.0.0.1:8088", null, null, json, "0", 401),
            Arguments.of("GET", "/api/nothing/here", "127.0.0.1:8088", null, null, null, null, 401),
            // what needs no token: liveness and the console's static files
            Arguments.of("GET", "/api/health", "127.0.0.1:8088", null, null, null, null, 0),
            Arguments.of("GET", "/", "127.0.0.1:8088", null, null, null, null, 0),
            Arguments.of("GET", "/app.js", "localhost:8088", null, null, null, null, 0),
            // DNS rebinding and other names: refused even with the token, and for the static files
            Arguments.of("GET", "/api/devices", "evil.example:8088", null, BEARER, null, null, 421),
            Arguments.of("GET", "/api/health", "evil.example:8088", null, null, null, null, 421),
            Arguments.of("GET", "/", "evil.example:8088", null, null, null, null, 421),
            Arguments.of("GET", "/api/models", "127.0.0.1:9999", null, BEARER, null, null, 421),
            Arguments.of("GET", "/api/models", "127.0.0.1", null, BEARER, null, null, 421),
            Arguments.of("GET", "/api/models", "127.0.0.1:8088.evil.example", null, BEARER, null, null, 421),
            Arguments.of("GET", "/api/models", null, null, BEARER, null, null, 400),
            // cross-origin: another site, another port, an opaque origin
            Arguments.of("POST", "/api/rounds/close", "127.0.0.1:8088", "https://evil.example", BEARER, json, "0", 403),
            Arguments.of("POST", "/api/rounds/close", "127.0.0.1:8088", "https://evil.example", null, "text/plain", "0", 403),
            Arguments.of("GET", "/api/models", "127.0.0.1:8088", "http://127.0.0.1:3000", BEARER, null, null, 403),
            Arguments.of("GET", "/api/models", "127.0.0.1:8088", "http://localhost:8088", BEARER, null, null, 403),
            Arguments.of("POST", "/api/predict", "127.0.0.1:8088", "null", BEARER, json, "10", 403),
            Arguments.of("GET", "/", "127.0.0.1:8088", "http://evil.example", null, null, null, 403),
            // writes send JSON of bounded size
            Arguments.of("POST", "/api/rounds/close", "127.0.0.1:8088", null, BEARER, null, "0", 415),
            Arguments.of("POST", "/api/predict", "127.0.0.1:8088", null, BEARER, "text/plain", "10", 415),
            Arguments.of("POST", "/api/predict", "127.0.0.1:8088", null, BEARER, "application/x-www-form-urlencoded", "10", 415),
            Arguments.of("POST", "/api/predict", "127.0.0.1:8088", null, BEARER, "multipart/form-data; boundary=x", "10", 415),
            Arguments.of("POST", "/api/predict", "127.0.0.1:8088", null, BEARER, json, Integer.toString(64 * 1024), 0),
            Arguments.of("POST", "/api/predict", "127.0.0.1:8088", null, BEARER, json, Integer.toString(64 * 1024 + 1), 413));
    }

    @ParameterizedTest(name = "{0} {1} Host {2} Origin {3} auth {4} type {5} -> {7}")
    @MethodSource("requests")
    void eachRequestIsLetThroughOrRefusedWithItsStatus(String method, String path, String host, String origin,
                                                        String authorization, String type, String length, int status) {
        Optional<RequestGuard.Refusal> r = GUARD.check(new RequestGuard.Incoming(method, path, host, origin,
            authorization, type, length));
        assertThat(r.map(RequestGuard.Refusal::status).orElse(0)).as(r.map(RequestGuard.Refusal::message).orElse("")).isEqualTo(status);
        r.ifPresent(refusal -> assertThat(refusal.message()).isNotBlank().doesNotContain(TOKEN));
    }

    @Test
    void aRefusedTokenIsAnsweredWithABearerChallenge() {
        RequestGuard.Refusal missing = GUARD.check(new RequestGuard.Incoming("GET", "/api/models", "127.0.0.1:8088",
            null, null, null, null)).orElseThrow();
        assertThat(missing.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"flead\"");
        assertThat(missing.message()).contains("Authorization: Bearer");
        RequestGuard.Refusal wrong = GUARD.check(new RequestGuard.Incoming("GET", "/api/models", "127.0.0.1:8088",
            null, "Bearer " + TOKEN.substring(1) + "x", null, null)).orElseThrow();
        assertThat(wrong.headers().get("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void theHostsAreTheLoopbackNamesAndANamedBindHostOnTheServersPort() {
        assertThat(RequestGuard.hostsFor("0.0.0.0", 8088))
            .containsExactlyInAnyOrder("127.0.0.1:8088", "localhost:8088", "[::1]:8088");
        assertThat(RequestGuard.hostsFor("192.168.1.20", 9000)).contains("192.168.1.20:9000", "127.0.0.1:9000")
            .doesNotContain("192.168.1.20:8088");
        assertThat(RequestGuard.hostsFor("fe80::1", 9000)).contains("[fe80::1]:9000");
        assertThat(RequestGuard.hostsFor("::", 9000)).hasSize(3);
        assertThat(RequestGuard.hostsFor("127.0.0.1", 80)).contains("127.0.0.1", "localhost:80");
    }
}
