package io.flead.platform.up;

import io.flead.datagen.DeviceShare;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import io.flead.embedded.ConnectRestClient;
import io.flead.embedded.ConnectRestLogin;
import io.flead.embedded.ConnectSettings;
import io.flead.embedded.EmbeddedConnect;
import io.flead.embedded.EmbeddedKafka;
import io.flead.embedded.EmbeddedPostgres;
import io.flead.embedded.PluginDirs;
import io.flead.embedded.SecretFile;
import io.flead.platform.ProjectLayout;
import io.flead.platform.analytics.MinuteAggregatesStep;
import io.flead.platform.connect.ConnectorConfigs;
import io.flead.platform.api.ApiServer;
import io.flead.platform.api.ApiSettings;
import io.flead.platform.api.ApiToken;
import io.flead.platform.connect.PlatformEnvConfigProvider;
import io.flead.runtime.TopicSpecs;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole FLEAD platform in this JVM: KRaft broker, Connect worker, PostgreSQL (each unless an external one is
 * given), the pipeline topics, demo data, the two connectors and the four functions as Kafka Streams apps.
 */
public final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** Partitions of each device-keyed topic. */
    public static final int PARTITIONS = 4;
    /** The connectors' database password, {@code ${secret:db-password}} in connect-configs/*.json. */
    public static final String DB_PASSWORD_SECRET = "db-password";
    /** The one user of the embedded worker's REST API (HTTP Basic). */
    public static final String CONNECT_REST_USER = "flead";
    /** The file, in {@link #secretsDir}, with the password of {@link #CONNECT_REST_USER}: generated once, then kept. */
    public static final String CONNECT_REST_PASSWORD_SECRET = "connect-rest-password";
    /** Loaded by the worker from the connect-secrets plugin directory, never from this classpath. */
    private static final String SECRET_PROVIDER = "io.flead.connect.secrets.SecretDirConfigProvider";
    private static final String SECRET_GUARD = "io.flead.connect.secrets.SecretGuardExtension";

    private final UpOptions options;
    private final Consumer<String> progress;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String bootstrapServers;
    private URI connectUrl;
    private ConnectRestLogin connectLogin;
    private String jdbcUrl;
    private String dbUser;
    private String dbPassword;
    private Path dataDir;
    private long expectedRows;
    private long deviceCount;
    private GenerationReport generated;
    private ReplayStart replayStart = ReplayStart.BEGINNING;
    private ApiServer api;
    private ApiToken apiToken;
    private MinuteAggregatesStep minuteAggregates;

    private Platform(UpOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Starts everything; on failure, what already started is stopped again and the error is rethrown. */
    public static Platform start(UpOptions options) {
        return start(options, LOG::info);
    }

    /** As {@link #start(UpOptions)}, telling {@code progress} what a long wait is waiting for. */
    public static Platform start(UpOptions options, Consumer<String> progress) {
        Platform platform = new Platform(options, progress);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        checkPorts();
        startKafka();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            PipelineTopics.ensure(admin, PARTITIONS, (short) 1);
            TopicSpecs.ensure(admin, ApiServer.roundControlTopics((short) 1));
        }
        startPostgres();
        prepareData();
        UpOptions fleet = options.withDeviceCount(deviceCount);
        LOG.info("Federated rounds of {} local updates, one every {} rows per device", fleet.roundSize(),
            fleet.triggerRows());
        FunctionApps functions = FunctionApps.start(bootstrapServers, ApiServer.withRoundControl(fleet),
            options.workDir().resolve("streams"));
        started.push(functions);
        // the replay starts once every function consumes: early rows would otherwise queue up while the apps
        // join their groups, and the first rounds would close on bursts of updates trained on the same version.
        // The worker starts only then, as it resumes the connectors of an earlier run as soon as it is up.
        functions.awaitRunning(progress, PROGRESS_EVERY);
        startConnect();
        ConnectorConfigs.apply(restClient(), ConnectorConfigs.load(ProjectLayout.connectConfigs()));
        startApi(functions);
        // the sink creates its tables when their first records land: the step waits for them beside the pipeline
        minuteAggregates = MinuteAggregatesStep.start(this::connectDatabase, Duration.ofSeconds(2));
        started.push(minuteAggregates);
        LOG.info("FLEAD up: Kafka {}, Connect {}, JDBC {}, API {}", bootstrapServers, connectUrl,
            JdbcUrls.masked(jdbcUrl), apiUrl());
    }

    private void startApi(FunctionApps functions) {
        apiToken = ApiTokenFile.readOrCreate(options.workDir(), new SecureRandom());
        api = ApiServer.start(new ApiSettings(ApiSettings.DEFAULT_HOST, options.apiPort(), jdbcUrl, dbUser, dbPassword,
            bootstrapServers, connectUrlWithLogin(), ApiServer.benchDir(options.workDir()), apiToken, Map.of()),
            () -> ApiServer.states(functions.states()), functions.driftSettings());
        started.push(api);
    }

    private void checkPorts() {
        if (options.externalKafka() == null) {
            PortGuard.requireFree(options.kafkaPort(), "Kafka broker", "--kafka-port");
        }
        if (options.connectUrl() == null) {
            PortGuard.requireFree(options.connectPort(), "Kafka Connect REST", "--connect-port");
        }
        if (options.jdbcUrl() == null) {
            // a flead up killed with SIGKILL leaves its PostgreSQL running on this work dir and its port
            if (EmbeddedPostgres.stopOrphan(postgresDir())) {
                LOG.info("Stopped the PostgreSQL a previous flead up left running on {}", postgresDir());
            }
            PortGuard.requireFree(options.postgresPort(), "PostgreSQL", "--pg-port");
        }
        PortGuard.requireFree(options.apiPort(), "REST API and web console", "--api-port");
    }

    private void startKafka() {
        if (options.externalKafka() != null) {
            bootstrapServers = options.externalKafka();
            return;
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(options.workDir().resolve("kafka"), brokerSettings(options.kafkaPort()));
        started.push(kafka);
        bootstrapServers = kafka.bootstrapServers();
        try (Admin admin = kafka.admin()) {
            List<org.apache.kafka.common.TopicPartition> aborted = HangingTransactions.abortAll(admin);
            if (!aborted.isEmpty()) {
                progress.accept("aborted the transactions a killed run left hanging on " + aborted);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot check the broker for transactions a killed run left hanging: " + e, e);
        }
    }

    /** The broker settings of {@code flead up} on top of the embedded broker's defaults, listening on {@code port}. */
    public static Map<String, String> brokerSettings(int port) {
        return Map.of("listeners", "BROKER://localhost:" + port + ",CONTROLLER://localhost:0",
            // transactions a killed run left open (its source task's, its functions') are aborted as soon as
            // they time out, not up to 10 s later: until then read_committed readers cannot pass them
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    }

    private void startPostgres() {
        if (options.jdbcUrl() != null) {
            jdbcUrl = options.jdbcUrl();
            dbUser = options.dbUser();
            dbPassword = options.dbPassword();
            return;
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.start(postgresDir(), options.postgresPort());
        started.push(postgres);
        jdbcUrl = postgres.jdbcUrl();
        dbUser = EmbeddedPostgres.USER;
        dbPassword = postgres.password();
    }

    private Path postgresDir() {
        return postgresDir(options.workDir());
    }

    private static Path postgresDir(Path workDir) {
        return workDir.resolve("postgres");
    }

    /** The file with the password of the embedded PostgreSQL of {@code workDir} ({@code secrets/postgres-password}). */
    public static Path embeddedPasswordFile(Path workDir) {
        return EmbeddedPostgres.passwordFile(postgresDir(workDir));
    }

    private void prepareData() {
        if (options.dataDir() != null) {
            dataDir = options.dataDir();
            expectedRows = DeviceFiles.countRows(dataDir);
            deviceCount = DeviceFiles.countDevices(dataDir);
            return;
        }
        dataDir = options.workDir().resolve("data").resolve("devices");
        GeneratorConfig config = GeneratorConfig.defaults().withDevices(options.devices()).withRows(options.rows())
            .withSeed(options.seed()).withDrift(DeviceShare.percentOf(options.driftPercent()), GeneratorConfig.DEFAULT_DRIFT_AT);
        DemoDevices demo = DemoDevices.stage(config, dataDir);
        if (!demo.replacedTrainingFiles().isEmpty()) {
            progress.accept(demo.replacedTrainingFiles().size() + " demo device files differ from the last run's "
                + "(other parameters): the source reports them on " + PipelineTopics.SOURCE_ERRORS
                + " and replays them from their start");
        }
        replayStart = replayStart(demo);
        generated = demo.install();
        expectedRows = generated.trainingRows();
        deviceCount = options.devices();
    }

    /**
     * Where the replay of the demo files begins on the topics: recorded anew, before the files are moved into place,
     * when files changed (the source replays the replaced ones from their start; the rows an earlier generation left
     * on the topics must not count), else as recorded by the run that last changed them.
     */
    private ReplayStart replayStart(DemoDevices demo) {
        Path file = options.workDir().resolve("data").resolve("replay-start.properties");
        List<String> topics = List.of(PipelineTopics.TELEMETRY, PipelineTopics.SOURCE_ERRORS);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            if (!demo.changedTrainingFiles().isEmpty()) {
                ReplayStart start = ReplayStart.capture(admin, topics, demo.unchangedTrainingRows());
                start.write(file);
                return start;
            }
            ReplayStart recorded = ReplayStart.read(file);
            ReplayStart current = ReplayStart.capture(admin, topics, 0);
            return recorded.validFor(current.clusterId(), current.offsets());
        }
    }

    private void startConnect() {
        if (options.connectUrl() != null) {
            connectUrl = URI.create(options.connectUrl());
            return;
        }
        // the connectors' ${secret:db-password}: the password of the database this run uses, embedded or not
        SecretFile.write(secretsDir(options.workDir()).resolve(DB_PASSWORD_SECRET), dbPassword == null ? "" : dbPassword);
        EmbeddedConnect connect = EmbeddedConnect.start(connectSettings(bootstrapServers, options.connectPort(),
            connectorEnvironment(), secretsDir(options.workDir())));
        started.push(connect);
        connectUrl = connect.restUrl();
        connectLogin = connect.settings().restLogin();
    }

    /** The Connect URL with the REST login as user info, as the API takes it (and masks it); without one as is. */
    private URI connectUrlWithLogin() {
        if (connectLogin == null) {
            return connectUrl;
        }
        return URI.create(connectUrl.getScheme() + "://" + connectLogin.user() + ":" + connectLogin.password() + "@"
            + connectUrl.getRawAuthority() + connectUrl.getRawPath());
    }

    /**
     * The login of the embedded worker's REST API: user {@value #CONNECT_REST_USER}, password in
     * {@code secretsDir/}{@value #CONNECT_REST_PASSWORD_SECRET} (mode 0600), generated when that file does not exist
     * and kept across restarts. Delete the file to rotate it: the next start generates a new one.
     */
    public static ConnectRestLogin connectRestLogin(Path secretsDir) {
        Path file = secretsDir.resolve(CONNECT_REST_PASSWORD_SECRET);
        SecretFile.readOrCreate(file);
        return new ConnectRestLogin(CONNECT_REST_USER, file);
    }

    /** Where {@code flead up} keeps its secrets (mode 0700): the embedded PostgreSQL's password, the connectors'. */
    public static Path secretsDir(Path workDir) {
        return embeddedPasswordFile(workDir).getParent();
    }

    /**
     * The values behind the {@code ${env:…}} placeholders of connect-configs/*.json; none of them secret, since
     * validate shows them to any caller of Connect's REST API (the password is {@code ${secret:db-password}}).
     */
    Map<String, String> connectorEnvironment() {
        return connectorEnvironment(options, dataDir, jdbcUrl, dbUser);
    }

    /**
     * The values behind the {@code ${env:…}} placeholders of connect-configs/*.json, for a replay of {@code dataDir}
     * into {@code jdbcUrl} as {@code dbUser}.
     */
    public static Map<String, String> connectorEnvironment(UpOptions options, Path dataDir, String jdbcUrl,
                                                           String dbUser) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLEAD_DATA_DIR", dataDir.toString());
        env.put("FLEAD_SOURCE_TASKS", Integer.toString(options.sourceTasks()));
        env.put("FLEAD_REPLAY_MODE", options.replayRate() > 0 ? "rate" : "max");
        env.put("FLEAD_REPLAY_RATE", Integer.toString(Math.max(0, options.replayRate())));
        env.put("FLEAD_JDBC_URL", jdbcUrl);
        env.put("FLEAD_DB_USER", dbUser);
        env.put("FLEAD_REPLICATION_FACTOR", "1");
        return env;
    }

    /**
     * The Connect worker of {@code flead up}: both FLEAD plugins and connect-secrets from their build directories,
     * exactly-once source support (the source commits each poll's rows with its offsets in one transaction, so a killed
     * worker neither loses nor repeats rows), the config providers of {@link #providerSettings}, and its REST API
     * behind HTTP Basic authentication ({@link #connectRestLogin}).
     */
    public static ConnectSettings connectSettings(String bootstrapServers, int restPort,
                                                  Map<String, String> connectorEnvironment, Path secretsDir) {
        Path root = ProjectLayout.root();
        return ConnectSettings.builder(bootstrapServers)
            .pluginDirs(List.of(PluginDirs.locate("csv-device-source", root), PluginDirs.locate("timescale-sink", root),
                PluginDirs.locate("connect-secrets", root)))
            .restPort(restPort)
            .exactlyOnceSource(true)
            // a killed worker's open transaction holds back every read_committed reader of the source's topics and
            // of its offsets topic (the restarted connector reads it before it starts) until it times out
            .override("producer.transaction.timeout.ms", "10000")
            .overrides(providerSettings(connectorEnvironment, secretsDir))
            .restLogin(connectRestLogin(secretsDir))
            .build();
    }

    /**
     * The worker's config providers, as docker-compose's worker has them: {@code env} serves exactly
     * {@code connectorEnvironment} (no secret, and never this process's environment), {@code secret} serves the files
     * of {@code secretsDir} by name, and the connect-secrets guard keeps secrets in {@code connection.password}, sent
     * only to the {@code connection.url} of {@code env}. Any caller of the REST API can read back through validate what
     * a provider serves in any other key, hence these limits.
     */
    public static Map<String, String> providerSettings(Map<String, String> connectorEnvironment, Path secretsDir) {
        Map<String, String> worker = new LinkedHashMap<>();
        worker.put("config.providers", "env,secret");
        worker.put("config.providers.env.class", PlatformEnvConfigProvider.class.getName());
        connectorEnvironment.forEach((k, v) -> worker.put("config.providers.env.param." + k, v));
        worker.put("config.providers.secret.class", SECRET_PROVIDER);
        worker.put("config.providers.secret.param.dir", secretsDir.toAbsolutePath().normalize().toString());
        worker.put("rest.extension.classes", SECRET_GUARD);
        return worker;
    }

    /** A client of the platform's Connect REST API, signed in with its login. */
    public ConnectRestClient restClient() {
        return new ConnectRestClient(connectUrl, connectLogin);
    }

    /** The login of the embedded worker's REST API; null when {@code --connect-url} names another worker. */
    public ConnectRestLogin connectLogin() {
        return connectLogin;
    }

    /** The REST API and web console, e.g. {@code http://127.0.0.1:8088/}; null before it started. */
    public URI apiUrl() {
        return api == null ? null : api.url();
    }

    /** The bearer token of the REST API (the work dir's {@value ApiTokenFile#NAME} file); null before it started. */
    public ApiToken apiToken() {
        return apiToken;
    }

    /** The console URL that signs a browser in: the token travels in the fragment, which never reaches a server. */
    public URI consoleLoginUrl() {
        return api == null ? null : URI.create(api.url() + "#token=" + apiToken.reveal());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public URI connectUrl() {
        return connectUrl;
    }

    /** The database's JDBC URL, without its password (see {@link #connectDatabase()}). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** A new connection to the platform's database with its user and password. */
    public Connection connectDatabase() throws SQLException {
        Properties credentials = new Properties();
        if (dbUser != null && !dbUser.isEmpty()) {
            credentials.setProperty("user", dbUser);
        }
        if (dbPassword != null && !dbPassword.isEmpty()) {
            credentials.setProperty("password", dbPassword);
        }
        return DriverManager.getConnection(jdbcUrl, credentials);
    }

    /** The step creating the per-minute aggregates once the sink's tables exist. */
    public MinuteAggregatesStep minuteAggregates() {
        return minuteAggregates;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Rows in the device files being replayed (the training files; a held-out split is not replayed). */
    public long expectedRows() {
        return expectedRows;
    }

    /** Where counting the replay of the files in place begins on the topics ({@link ReplayStart#BEGINNING} for --data). */
    public ReplayStart replayStart() {
        return replayStart;
    }

    /** What the generator wrote, when {@code flead up} generated the demo data; null for {@code --data}. */
    public GenerationReport generated() {
        return generated;
    }

    public UpOptions options() {
        return options;
    }

    /** Stops the functions, then Connect, PostgreSQL and Kafka, in reverse order of start. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
