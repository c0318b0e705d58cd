package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.embedded.ConnectResponse;
import io.flead.embedded.SecretFile;
import io.flead.platform.FleadCli;
import io.flead.platform.ProjectLayout;
import io.flead.platform.connect.ConnectorConfigs;
import io.flead.platform.connect.ConnectorConfigs.ConnectorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a running {@code flead up} keeps secret, checked from outside as a local user or a caller of its REST APIs
 * would look: the database password never comes back from Connect's validate endpoint nor goes to a server the caller
 * chose, PostgreSQL lets no one in without it, and no command line or log line holds it.
 */
final class SecretChecks {
    /** The placeholders a caller may try, by the provider that would serve them. */
    static final List<String> SECRET_PLACEHOLDERS = List.of("${secret:db-password}", "${secret:postgres-password}",
        "jdbc:${secret:db-password}@x");
    static final List<String> ENV_PLACEHOLDERS = List.of("${env:FLEAD_DB_PASSWORD}", "${env:FLEAD_DB_ADMIN_PASSWORD}");
    /** Keys no connector declares, which Connect still validates (client overrides) or echoes. */
    static final List<String> UNDECLARED_KEYS = List.of("producer.override.client.id", "consumer.override.client.id",
        "admin.override.client.id", "transforms", "predicates", "flead.undeclared.key");

    private final Platform platform;
    private final Path work;
    private final RawValidate rest;
    private final Set<String> secrets = new LinkedHashSet<>();

    SecretChecks(Platform platform, Path work) {
        this.platform = platform;
        this.work = work;
        this.rest = new RawValidate(platform.restClient());
        // the run's secrets: the embedded PostgreSQL's password, the connectors' copy of it, Connect's REST password
        secrets.add(SecretFile.read(Platform.embeddedPasswordFile(work)));
        secrets.add(SecretFile.read(Platform.secretsDir(work).resolve(Platform.DB_PASSWORD_SECRET)));
        secrets.add(SecretFile.read(connectPasswordFile()));
        assertThat(secrets).allSatisfy(s -> assertThat(s).hasSizeGreaterThanOrEqualTo(32));
    }

    /** Tries every secret placeholder in every key of the shipped source and sink configs; returns the requests made. */
    int everySecretThroughEveryKey() {
        int requests = 0;
        for (ConnectorConfig shipped : shippedConfigs("csv-device-source", "timescale-sink")) {
            String connectorClass = shipped.config().get("connector.class");
            ConnectResponse baseline = rest.validate(connectorClass, withName(shipped.config()));
            assertThat(baseline.status()).as(shipped.name() + " as shipped").isEqualTo(200);
            assertThat(baseline.body()).contains("\"error_count\":0");
            Set<String> keys = new LinkedHashSet<>(RawValidate.keys(baseline.body()));
            assertThat(keys).as("the connector's keys and Connect's").contains("name", "tasks.max", "key.converter",
                "errors.tolerance", shipped.name().startsWith("csv") ? "input.path" : "connection.url");
            keys.addAll(UNDECLARED_KEYS);
            for (String key : keys) {
                for (String placeholder : SECRET_PLACEHOLDERS) {
                    ConnectResponse answer = validateWith(shipped, key, placeholder);
                    requests++;
                    if (!key.equals("connection.password")) {
                        assertThat(answer.status()).as(key + " = " + placeholder).isEqualTo(400);
                        assertThat(answer.body()).contains("for configuration '" + key + "': a secret");
                    }
                }
                for (String placeholder : ENV_PLACEHOLDERS) {
                    validateWith(shipped, key, placeholder);
                    requests++;
                }
            }
        }
        return requests;
    }

    /** The env provider serves flead up's own values only, never this process's environment. */
    void processEnvironmentIsNotServed() {
        ConnectorConfig source = shippedConfigs("csv-device-source").get(0);
        Map<String, String> config = withName(source.config());
        config.put("input.path", "${env:PATH}");
        String answer = rest.validate(config.get("connector.class"), config).body();
        assertThat(RawValidate.value(answer, "input.path")).isEqualTo("${env:PATH}");
        assertThat(answer).doesNotContain(System.getenv("PATH"));
        config.put("input.path", "${env:FLEAD_DATA_DIR}");
        answer = rest.validate(config.get("connector.class"), config).body();
        assertThat(RawValidate.value(answer, "input.path")).as("a value flead up passes").isEqualTo(platform.dataDir().toString());
    }

    /**
     * A secret goes only to the database flead up chose: a validate, a new connector or a patch of a running one that
     * pairs the secret with another URL is refused before anything connects there. With a password of the caller's
     * own, the same validate does reach the fake server, which shows the check could see a connection.
     */
    void secretsGoOnlyToTheOperatorsDatabase() throws Exception {
        ConnectorConfig sink = shippedConfigs("timescale-sink").get(0);
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            fake.setSoTimeout(200);
            String elsewhere = "jdbc:postgresql://127.0.0.1:" + fake.getLocalPort() + "/stolen";
            Map<String, String> config = withName(sink.config());
            config.put("connection.url", elsewhere);
            ConnectResponse validate = rest.validate(config.get("connector.class"), config);
            assertThat(validate.status()).isEqualTo(400);
            assertThat(validate.body()).contains("Invalid value for configuration 'connection.url'");
            Map<String, String> created = new LinkedHashMap<>(config);
            created.remove("name");
            ConnectResponse create = rest.send("PUT", "connectors/stolen-sink/config", created);
            assertThat(create.status()).isEqualTo(400);
            assertThat(create.body()).contains("Invalid value for configuration 'connection.url'");
            assertThat(rest.send("GET", "connectors/stolen-sink", null).status()).isEqualTo(404);
            ConnectResponse patch = rest.send("PATCH", "connectors/" + sink.name() + "/config",
                Map.of("connection.url", elsewhere));
            assertThat(patch.status()).isEqualTo(400);
            assertThat(patch.body()).contains("Invalid value for configuration 'connection.url'");
            // the connector's name as the worker matches it: matrix parameters do not hide the running config
            ConnectResponse disguised = rest.send("PATCH", "connectors/" + sink.name() + ";x=y/config",
                Map.of("connection.url", elsewhere));
            assertThat(disguised.status()).isNotEqualTo(200);
            assertThat(rest.send("GET", "connectors/" + sink.name() + "/config", null).body())
                .contains("\"connection.url\":\"${env:FLEAD_JDBC_URL}\"");
            assertThat(accepted(fake)).as("connections to the caller's server").isFalse();

            config.put("connection.password", "the-callers-own");
            CompletableFuture<Boolean> reached = CompletableFuture.supplyAsync(() -> acceptedWithin(fake, 10_000));
            ConnectResponse own = rest.validate(config.get("connector.class"), config);
            assertThat(own.status()).isEqualTo(200);
            assertThat(RawValidate.errors(own.body(), "connection.url")).singleElement().asString().startsWith("Cannot connect");
            assertThat(reached.get(15, TimeUnit.SECONDS)).as("the sink tried the caller's server").isTrue();
        }
    }

    private Path connectPasswordFile() {
        return Platform.secretsDir(work).resolve(Platform.CONNECT_REST_PASSWORD_SECRET);
    }

    /**
     * Connect's REST API lets in only its login: a request without credentials, with a wrong password or another user
     * gets 401 and changes nothing; the login from the password file reads and writes.
     */
    void connectRestNeedsItsLogin() throws Exception {
        String password = SecretFile.read(connectPasswordFile());
        String user = Platform.CONNECT_REST_USER;
        assertThat(platform.connectLogin().user()).isEqualTo(user);
        String intruder = "{\"connector.class\":\"io.flead.connect.csv.CsvDeviceSourceConnector\",\"input.path\":\"/tmp\"}";
        for (String authorization : new String[] {null, basic(user, "wrong-" + password), basic("admin", password),
                basic(user, password.substring(1)), "Bearer " + password}) {
            assertThat(connect("GET", "connectors", null, authorization).statusCode())
                .as("GET with " + (authorization == null ? "no credentials" : "other credentials")).isEqualTo(401);
            assertThat(connect("GET", "health", null, authorization).statusCode()).as("GET /health").isEqualTo(401);
            assertThat(connect("PUT", "connectors/intruder/config", intruder, authorization).statusCode())
                .as("PUT").isEqualTo(401);
            assertThat(connect("DELETE", "connectors/timescale-sink", null, authorization).statusCode())
                .as("DELETE").isEqualTo(401);
        }
        HttpResponse<String> signedIn = connect("GET", "connectors", null, basic(user, password));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("\"csv-device-source\"", "\"timescale-sink\"").doesNotContain("intruder");
        assertThat(platform.restClient().connectorStatus("timescale-sink").state()).isEqualTo("RUNNING");
    }

    /** The REST API reads the connectors' states through Connect's login, as the console shows them. */
    void apiReadsConnectorStatesWithTheLogin() throws Exception {
        HttpResponse<String> pipeline = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                platform.apiUrl().resolve("api/pipeline"))
            .header("Authorization", "Bearer " + platform.apiToken().reveal()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(pipeline.statusCode()).isEqualTo(200);
        assertThat(pipeline.body()).contains("\"name\":\"timescale-sink\",\"state\":\"RUNNING\"")
            .doesNotContain("UNREACHABLE");
    }

    /** The banner says how to call Connect's REST API (the password read from its file), never the password. */
    void bannerTellsHowToCallConnectWithoutThePassword() {
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        UpCommand.printWhereToLook(platform, new PrintStream(banner, true, StandardCharsets.UTF_8));
        String text = banner.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("curl -u " + Platform.CONNECT_REST_USER + ":$(cat " + connectPasswordFile() + ") "
            + platform.connectUrl() + "connectors");
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret);
        }
    }

    /**
     * One request on a connection of its own: after refusing a request whose body it did not read, the worker closes
     * the connection, and a pooled one could be reused just then and fail with no answer at all.
     */
    private HttpResponse<String> connect(String method, String path, String body, String authorization)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.connectUrl().resolve(path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** PostgreSQL asks every connection for the password; flead up connects with it. */
    void postgresNeedsThePassword() throws SQLException {
        assertThatThrownBy(() -> DriverManager.getConnection(platform.jdbcUrl()).close())
            .isInstanceOf(SQLException.class).hasMessageContaining("no password was provided");
        assertThatThrownBy(() -> DriverManager.getConnection(platform.jdbcUrl() + "&password=postgres").close())
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("invalid password").isEqualTo("28P01"));
        try (var db = platform.connectDatabase(); var sql = db.createStatement();
             var rs = sql.executeQuery("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = current_user")) {
            assertThat(rs.next() && rs.getBoolean(1)).as("the superuser's password is a SCRAM verifier").isTrue();
        }
    }

    /** The secrets are files only their owner reads, and no process shows one on its command line. */
    void secretsAreInPrivateFilesNotOnCommandLines() throws IOException {
        Path dir = Platform.secretsDir(work);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).hasSize(3).allSatisfy(f ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
        List<String> commandLines = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")).toList();
        assertThat(commandLines).as("the run's postmaster is among them")
            .anyMatch(c -> c.contains("postgres") && c.contains(work.resolve("postgres").toString()));
        for (String secret : secrets) {
            assertThat(commandLines).noneMatch(c -> c.contains(secret));
        }
    }

    /** {@code flead status} reads the database with a password file, and says so when the password is wrong. */
    void statusReadsTheDatabaseWithAPasswordFile() throws Exception {
        String[] args = {"status", "--jdbc-url", platform.jdbcUrl(), "--bootstrap-server", platform.bootstrapServers(),
            "--db-password-file", Platform.secretsDir(work).resolve(Platform.DB_PASSWORD_SECRET).toString()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(FleadCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("global models:");
        Path wrong = Files.writeString(work.resolve("wrong-password"), "wrong\n");
        args[args.length - 1] = wrong.toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(FleadCli.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused the password");
    }

    /** No line of the run's log holds a secret, though the log is full (INFO of every component). */
    void noLogLineHoldsASecret(RunLog log) {
        List<String> lines = log.lines();
        assertThat(lines).as(log.file().toString()).hasSizeGreaterThan(200)
            .anyMatch(l -> l.contains("(scram-sha-256 authentication)"))
            .anyMatch(l -> l.contains("Secret guard on"));
        for (String secret : secrets) {
            assertThat(lines).as("lines of " + log.file() + " holding the password").noneMatch(l -> l.contains(secret));
        }
    }

    private ConnectResponse validateWith(ConnectorConfig shipped, String key, String placeholder) {
        Map<String, String> config = withName(shipped.config());
        config.put(key, placeholder);
        ConnectResponse answer = rest.validate(shipped.config().get("connector.class"), config);
        for (String secret : secrets) {
            assertThat(answer.body()).as(shipped.name() + ": " + key + " = " + placeholder).doesNotContain(secret);
        }
        return answer;
    }

    private static Map<String, String> withName(Map<String, String> config) {
        Map<String, String> named = new LinkedHashMap<>(config);
        named.putIfAbsent("name", "secret-probe");
        return named;
    }

    private static List<ConnectorConfig> shippedConfigs(String... names) {
        List<ConnectorConfig> all = ConnectorConfigs.load(ProjectLayout.connectConfigs());
        return List.of(names).stream().map(n -> all.stream().filter(c -> c.name().equals(n)).findFirst().orElseThrow())
            .toList();
    }

    private static boolean accepted(ServerSocket server) throws IOException {
        try (Socket ignored = server.accept()) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static boolean acceptedWithin(ServerSocket server, int timeoutMs) {
        try {
            server.setSoTimeout(timeoutMs);
            try (Socket ignored = server.accept()) {
                return true; // closed at once: the sink's login fails fast
            }
        } catch (IOException e) {
            return false;
        }
    }
}
