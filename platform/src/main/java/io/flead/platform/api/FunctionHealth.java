package io.flead.platform.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The state of each function (RUNNING, REBALANCING, ERROR…), from this JVM's Streams apps or their /health URLs. */
@FunctionalInterface
public interface FunctionHealth {
    Map<String, String> states();

    /** Asks each function's health endpoint ({@code name=url} pairs); an unreachable one is DOWN. */
    static FunctionHealth fromUrls(Map<String, URI> urls) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        return () -> {
            Map<String, String> states = new LinkedHashMap<>();
            urls.forEach((name, url) -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                    states.put(name, r.statusCode() == 200 ? "RUNNING" : "UNHEALTHY (" + r.statusCode() + ")");
                } catch (Exception e) {
                    states.put(name, "DOWN");
                }
            });
            return states;
        };
    }

    /** Parses {@code name=url,name=url}. */
    static Map<String, URI> parseUrls(String spec) {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                urls.put(entry.substring(0, eq).trim(), URI.create(entry.substring(eq + 1).trim()));
            } else if (!entry.isBlank()) {
                throw new IllegalArgumentException("Invalid value '" + entry + "' for FLEAD_FUNCTION_HEALTH_URLS: "
                    + "expected name=url");
            }
        }
        return urls;
    }
}
