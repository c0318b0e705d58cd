package io.flead.platform.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/** The web console's static files from the jar, plus Chart.js from its WebJar at {@code /lib/chart.umd.js}. */
final class ConsoleFiles {
    static final String ROOT = "/io/flead/platform/console/";
    static final String CHART_JS = "/lib/chart.umd.js";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
        "ico", "image/x-icon");

    private final String chartJs = webJar("chart.js", "dist/chart.umd.min.js");

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                ApiServer.send(exchange, 405, "Method not allowed".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            String resource = path.equals(CHART_JS) ? chartJs : ROOT + (path.equals("/") ? "index.html" : path.substring(1));
            if (resource == null || path.contains("..") || !path.matches("/[A-Za-z0-9_./-]*")) {
                notFound(exchange, path);
                return;
            }
            try (InputStream in = ConsoleFiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    notFound(exchange, path);
                    return;
                }
                String ext = resource.substring(resource.lastIndexOf('.') + 1);
                ApiServer.send(exchange, 200, in.readAllBytes(), TYPES.getOrDefault(ext, "application/octet-stream"));
            }
        }
    }

    private static void notFound(HttpExchange exchange, String path) throws IOException {
        ApiServer.send(exchange, 404, ("No page " + path).getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** A file of a WebJar on the classpath, found through its version in the WebJar's pom.properties; null if absent. */
    static String webJar(String name, String file) {
        try (InputStream in = ConsoleFiles.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/" + name + "/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return "/META-INF/resources/webjars/" + name + "/" + p.getProperty("version") + "/" + file;
        } catch (IOException e) {
            return null;
        }
    }
}
