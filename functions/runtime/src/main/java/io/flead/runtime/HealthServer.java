package io.flead.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import io.flead.model.JsonCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /** Binds the endpoint on the loopback interface (127.0.0.1), the default of {@code health.bind.address}. */
  public static HealthServer start(int port, Supplier<KafkaStreams.State> state) {
    return start("127.0.0.1", port, state);
  }

  /**
   * Binds the endpoint on {@code host}'s address.
   *
   * @param host the address to listen on ({@code health.bind.address}): 0.0.0.0 for every interface
   * @param port the port, 0 for any free port
   * @param state where the current Streams state is read on each request
   */
  public static HealthServer start(String host, int port, Supplier<KafkaStreams.State> state) {
    return start(host, port, state, () -> null);
  }

  /**
   * As {@link #start(String, int, Supplier)}, also unhealthy whenever {@code problem} says why (null when there is
   * none), whatever the Streams state.
   */
  public static HealthServer start(String host, int port, Supplier<KafkaStreams.State> state,
                                   Supplier<String> problem) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("Invalid value '" + host + "' for configuration '"
          + FunctionConfig.HEALTH_BIND_ADDRESS + "': not an address of this machine");
    }
    try {
      HttpServer server = HttpServer.create(address, 0);
      server.createContext(PATH, exchange -> respond(exchange, state.get(), problem.get()));
      server.start();
      HealthServer health = new HealthServer(server);
      LOG.info("Health endpoint listening on http://{}:{}{}", host, health.port(), PATH);
      return health;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind the health endpoint on " + host + " port " + port + " ('"
          + FunctionConfig.HEALTH_BIND_ADDRESS + "', '" + FunctionConfig.HEALTH_PORT + "')", e);
    }
  }

  /** Healthy states: processing, or moving partitions between instances. */
  public static boolean isHealthy(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  private static void respond(HttpExchange exchange, KafkaStreams.State state, String problem) throws IOException {
    boolean healthy = isHealthy(state) && problem == null;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("state", String.valueOf(state));
    answer.put("healthy", healthy);
    if (problem != null) {
      answer.put("problem", problem);
    }
    byte[] body = (JsonCodec.encodeToString(answer) + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The address and port the endpoint listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
