package io.flead.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP endpoint {@code GET /health}: 200 while Streams is RUNNING or REBALANCING, 503 otherwise. */
public final class HealthServer implements AutoCloseable {

  public static final String PATH = "/health";
  private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Binds the endpoint on all interfaces.
   *
   * @param port the port, 0 for any free port
   * @param state where the current Streams state is read on each request
   */
  public static HealthServer start(int port, Supplier<KafkaStreams.State> state) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      server.createContext(PATH, exchange -> respond(exchange, state.get()));
      server.start();
      HealthServer health = new HealthServer(server);
      LOG.info("Health endpoint listening on http://localhost:{}{}", health.port(), PATH);
      return health;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind the health endpoint on port " + port + " ('"
          + FunctionConfig.HEALTH_PORT + "')", e);
    }
  }

  /** Healthy states: processing, or moving partitions between instances. */
  public static boolean isHealthy(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  private static void respond(HttpExchange exchange, KafkaStreams.State state) throws IOException {
    boolean healthy = isHealthy(state);
    byte[] body = ("{\"state\":\"" + state + "\",\"healthy\":" + healthy + "}\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
