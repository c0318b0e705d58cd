package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The credentials a Connect URL carries reach the worker as HTTP Basic, and nowhere else. */
class ConnectRestClientTest {
    private final List<String> authorizations = new ArrayList<>();
    private HttpServer worker;

    @BeforeEach
    void startWorker() throws IOException {
        worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        worker.createContext("/connectors", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "[\"timescale-sink\"]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        worker.start();
    }

    @AfterEach
    void stopWorker() {
        worker.stop(0);
    }

    @Test
    void sendsTheUserInfoOfTheUrlAsBasicCredentialsAndKeepsItOutOfTheBaseUrl() {
        int port = worker.getAddress().getPort();
        ConnectRestClient client = new ConnectRestClient(URI.create("http://flead-admin:s3cr%40t@127.0.0.1:" + port));

        assertThat(client.connectors()).containsExactly("timescale-sink");
        String expected = Base64.getEncoder().encodeToString("flead-admin:s3cr@t".getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).containsExactly("Basic " + expected);
        assertThat(client.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
    }

    @Test
    void sendsNoCredentialsWhenTheUrlHasNone() {
        ConnectRestClient client = new ConnectRestClient(URI.create("http://127.0.0.1:" + worker.getAddress().getPort() + "/"));

        assertThat(client.connectors()).containsExactly("timescale-sink");
        assertThat(authorizations).containsExactly("null");
    }
}
