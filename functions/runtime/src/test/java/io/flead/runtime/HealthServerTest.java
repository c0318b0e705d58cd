package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthServerTest {

  private static final AtomicReference<KafkaStreams.State> STATE = new AtomicReference<>();
  private static HealthServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void startServer() {
    server = HealthServer.start(0, STATE::get);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(value = KafkaStreams.State.class, names = {"RUNNING", "REBALANCING"})
  void healthyWhileProcessingOrRebalancing(KafkaStreams.State state) throws Exception {
    STATE.set(state);
    HttpResponse<String> response = get(server.port());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"state\":\"" + state + "\"");
  }

  @ParameterizedTest
  @EnumSource(value = KafkaStreams.State.class, names = {"RUNNING", "REBALANCING"}, mode = EnumSource.Mode.EXCLUDE)
  void unhealthyInEveryOtherState(KafkaStreams.State state) throws Exception {
    STATE.set(state);
    HttpResponse<String> response = get(server.port());
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"healthy\":false");
  }

  @Test
  void reportsTheStateOfARealStreamsClient(@TempDir java.nio.file.Path stateDir) throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "health-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    try (HealthServer own = HealthServer.start(0, streams::state)) {
      assertThat(get(own.port()).statusCode()).isEqualTo(503);
      streams.close();
      assertThat(get(own.port()).body()).contains("NOT_RUNNING");
    }
  }

  @Test
  void listensOnTheLoopbackInterfaceOnlyByDefault() throws Exception {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    FunctionConfig config = FunctionConfig.load(FunctionConfig.baseDefinition("health-test"),
        java.util.Map.of("FLEAD_BOOTSTRAP_SERVERS", "unused:9092"), java.util.Map.of());
    assertThat(config.healthBindAddress()).isEqualTo("127.0.0.1");
    java.net.InetAddress external = nonLoopbackAddress();
    org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "this machine has no non-loopback address to try");
    try (java.net.Socket socket = new java.net.Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> socket.connect(new java.net.InetSocketAddress(external, server.port()), 5_000))
          .isInstanceOf(java.net.ConnectException.class);
    }
  }

  @Test
  void listensOnEveryInterfaceWhenConfiguredTo() {
    try (HealthServer everywhere = HealthServer.start("0.0.0.0", 0, STATE::get)) {
      assertThat(everywhere.address().getAddress().isAnyLocalAddress()).isTrue();
    }
  }

  @Test
  void anAddressThatDoesNotResolveIsRefusedNamingTheKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HealthServer.start("no-such-host.invalid", 0, STATE::get))
        .hasMessageContaining("'no-such-host.invalid'").hasMessageContaining("health.bind.address");
  }

  @Test
  void aProblemMakesARunningAppUnhealthyAndIsShown() throws Exception {
    AtomicReference<String> problem = new AtomicReference<>("3 stream thread failures in the last 300 s; last: \"x\"");
    try (HealthServer own = HealthServer.start("127.0.0.1", 0, () -> KafkaStreams.State.RUNNING, problem::get)) {
      HttpResponse<String> response = get(own.port());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("\"healthy\":false")
          .contains("\"problem\":\"3 stream thread failures in the last 300 s; last: \\\"x\\\"\"");
      problem.set(null);
      assertThat(get(own.port()).statusCode()).isEqualTo(200);
    }
  }

  private static java.net.InetAddress nonLoopbackAddress() throws java.net.SocketException {
    for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
          if (a instanceof java.net.Inet4Address) {
            return a;
          }
        }
      }
    }
    return null;
  }

  private HttpResponse<String> get(int port) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + HealthServer.PATH)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
