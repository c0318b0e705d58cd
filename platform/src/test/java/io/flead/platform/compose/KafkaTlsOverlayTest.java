package io.flead.platform.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.platform.ProjectLayout;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS overlay of Kafka's host listener: docker/kafka/make-tls-certs.sh run here with keytool, its broker certificate
 * served over a real TLS handshake to a client that trusts only the CA file and checks the host name (as Kafka's clients
 * do, ssl.endpoint.identification.algorithm=https), and docker-compose.tls.yml read as Compose reads it.
 */
class KafkaTlsOverlayTest {
    static final String PASSWORD = "tls-Pa55word";
    static final String SCRIPT = "docker/kafka/make-tls-certs.sh";

    @TempDir
    Path work;

    @Test
    void theScriptWritesABrokerCertificateThatTheCaFileVouchesForUnderEveryGivenName() throws Exception {
        Path out = work.resolve("tls");
        Result first = run(Map.of("FLEAD_KAFKA_TLS_PASSWORD", PASSWORD), out.toString(), "kafka.example", "10.1.2.3");
        assertThat(first.exit).as(first.stderr).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("broker.p12")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("ca.p12")))).isEqualTo("rw-------");
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactlyInAnyOrder("broker.p12", "ca.p12", "ca.crt");
        }
        KeyStore broker = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(out.resolve("broker.p12"))) {
            broker.load(in, PASSWORD.toCharArray());
        }
        X509Certificate ca = caCertificate(out);
        X509Certificate leaf = (X509Certificate) broker.getCertificateChain("kafka")[0];
        leaf.verify(ca.getPublicKey());
        List<String> names = new ArrayList<>();
        leaf.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
        assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1", "kafka.example", "10.1.2.3");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");

        assertThat(handshake(out, "localhost")).isEqualTo("CN=kafka");
        assertThatThrownBy(() -> handshake(out, "elsewhere.example")).as("a name the certificate does not hold")
            .isInstanceOf(SSLHandshakeException.class);

        // run again for another name: the CA stays, so clients keep trusting the broker
        Result again = run(Map.of("FLEAD_KAFKA_TLS_PASSWORD", PASSWORD), out.toString(), "kafka.lan");
        assertThat(again.exit).as(again.stderr).isZero();
        assertThat(caCertificate(out)).isEqualTo(ca);
        assertThat(handshake(out, "localhost")).isEqualTo("CN=kafka");
    }

    @Test
    void theScriptRefusesToRunWithoutAPasswordOrWithABadHostName() throws Exception {
        Result none = run(Map.of(), work.resolve("a").toString());
        assertThat(none.exit).isNotZero();
        assertThat(none.stderr).contains("FLEAD_KAFKA_TLS_PASSWORD");
        Result badHost = run(Map.of("FLEAD_KAFKA_TLS_PASSWORD", PASSWORD), work.resolve("b").toString(), "a host");
        assertThat(badHost.exit).isNotZero();
        assertThat(badHost.stderr).contains("Invalid host 'a host'");
        assertThat(work.resolve("b").resolve("broker.p12")).doesNotExist();
    }

    @Test
    void theOverlayServesTheScriptsKeystoreOnTheHostListenerAloneWithSaslOnTop() {
        ComposeFile tls = ComposeFile.load("docker-compose.tls.yml");
        ComposeFile sasl = ComposeFile.load("docker-compose.sasl.yml");
        Map<String, String> broker = tls.environment("kafka");
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String entry : broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            protocols.put(entry.split(":")[0], entry.split(":")[1]);
        }
        Map<String, String> saslProtocols = new LinkedHashMap<>();
        for (String entry : sasl.environment("kafka").get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            saslProtocols.put(entry.split(":")[0], entry.split(":")[1]);
        }
        assertThat(protocols.keySet()).as("the SASL overlay's listeners").isEqualTo(saslProtocols.keySet());
        assertThat(protocols).containsEntry("HOST", "SASL_SSL");
        protocols.forEach((name, protocol) -> {
            if (!name.equals("HOST")) {
                assertThat(protocol).as(name).isEqualTo(saslProtocols.get(name));
            }
        });
        String keystore = broker.get("KAFKA_LISTENER_NAME_HOST_SSL_KEYSTORE_LOCATION");
        ComposeFile.Mount mount = tls.mounts("kafka").stream().filter(m -> m.container().equals(keystore)).findFirst()
            .orElseThrow(() -> new AssertionError("the overlay mounts no " + keystore));
        assertThat(mount.host()).isEqualTo("./docker/kafka/tls/broker.p12");
        assertThat(broker).containsEntry("KAFKA_LISTENER_NAME_HOST_SSL_KEYSTORE_TYPE", "PKCS12")
            .containsEntry("KAFKA_LISTENER_NAME_HOST_SSL_KEYSTORE_PASSWORD", "<FLEAD_KAFKA_TLS_PASSWORD>")
            .containsEntry("KAFKA_LISTENER_NAME_HOST_SSL_KEY_PASSWORD", "<FLEAD_KAFKA_TLS_PASSWORD>");
        assertThat(tls.interpolatedVariables()).containsEntry("FLEAD_KAFKA_TLS_PASSWORD", null);
        assertThat(tls.text).contains(SCRIPT + " docker/kafka/tls");
        assertThat(tls.services().get("kafka")).doesNotContainKey("ports");
    }

    /** Connects to a TLS server serving the broker keystore, as a client reaching it by {@code host}; the peer's name. */
    private static String handshake(Path out, String host) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(out.resolve("broker.p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("flead-ca", caCertificate(out));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (Exception e) {
                    // the client gave up: its side says why
                }
            });
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, host, listener.getLocalPort(), true)) {
                SSLParameters params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
                socket.startHandshake();
                return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
            } finally {
                accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static X509Certificate caCertificate(Path out) throws Exception {
        byte[] pem = Files.readAllBytes(out.resolve("ca.crt"));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    private record Result(int exit, String stderr) {
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ProjectLayout.root().resolve(SCRIPT).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("FLEAD_KAFKA_TLS_PASSWORD");
        builder.environment().putAll(env);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the script ends").isTrue();
        return new Result(process.exitValue(), stderr);
    }
}
