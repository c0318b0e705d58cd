package io.flead.bench.chaos;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.DeviceShare;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.driftcheck.streams.DriftCheckMain;
import io.flead.embedded.ConnectRestClient;
import io.flead.embedded.EmbeddedPostgres;
import io.flead.embedded.SecretFile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.streams.FedAvgMain;
import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.localtrain.streams.LocalTrainMain;
import io.flead.platform.ProjectLayout;
import io.flead.platform.api.ApiServer;
import io.flead.platform.connect.ConnectorConfigs;
import io.flead.platform.up.FunctionApps;
import io.flead.platform.up.PipelineTopics;
import io.flead.platform.up.Platform;
import io.flead.platform.up.UpOptions;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.TopicSpecs;
import io.flead.score.config.ScoreConfig;
import io.flead.score.streams.ScoreMain;
import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The stack of {@code flead up} as separate processes, so that each can be killed: the KRaft broker, PostgreSQL and
 * the Connect worker each in a JVM of its own ({@link EngineMain}), and each function run by its own {@code main}
 * from a properties file holding the settings {@code flead up} gives it ({@link FunctionApps#settings}).
 */
final class ProcessStack implements AutoCloseable {
    /** Each function's {@code main} and application id (its consumer group), in {@code flead up}'s order. */
    static final Map<String, FunctionProcess> FUNCTIONS = functions();

    record FunctionProcess(Class<?> main, String group) {
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String ENGINE_OPTS = "-Xmx768m -XX:TieredStopAtLevel=1";
    private static final String FUNCTION_OPTS = "-Xmx768m -XX:TieredStopAtLevel=1";

    private final Path work;
    private final Path logs;
    private final Map<String, ChildJvm> processes = new LinkedHashMap<>();
    private String bootstrap;
    private String jdbcUrl;
    private String dbPassword;
    private URI connectUrl;
    private GenerationReport generated;

    /** Kills the processes when this JVM is stopped (Ctrl-C) while a run is under way. */
    private final Thread killOnExit = new Thread(this::killAll, "chaos-stack-kill");

    private ProcessStack(Path work) {
        this.work = work.toAbsolutePath();
        this.logs = this.work.resolve("logs");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    private static Map<String, FunctionProcess> functions() {
        Map<String, FunctionProcess> f = new LinkedHashMap<>();
        f.put("local-train", new FunctionProcess(LocalTrainMain.class, LocalTrainConfig.APPLICATION_ID));
        f.put("fedavg", new FunctionProcess(FedAvgMain.class, FedAvgConfig.APPLICATION_ID));
        f.put("score", new FunctionProcess(ScoreMain.class, ScoreConfig.APPLICATION_ID));
        f.put("drift-check", new FunctionProcess(DriftCheckMain.class, DriftCheckConfig.APPLICATION_ID));
        return Map.copyOf(f);
    }

    /**
     * Starts the broker, creates the pipeline's topics, starts PostgreSQL, writes the demo fleet, starts the four
     * functions and waits until each consumes, then starts the worker and applies the shipped connector configs,
     * which starts the replay (as {@code flead up} does). On failure every process started is killed again.
     */
    static ProcessStack start(Path work, int devices, int rows, int rate, long seed) throws Exception {
        ProcessStack stack = new ProcessStack(work);
        try {
            stack.startAll(devices, rows, rate, seed);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(int devices, int rows, int rate, long seed) throws Exception {
        Files.createDirectories(logs);
        int kafkaPort = freePort();
        int connectPort = freePort();
        int postgresPort = freePort();
        bootstrap = engine("broker", "broker", work.resolve("kafka").toString(), Integer.toString(kafkaPort));
        try (Admin admin = admin()) {
            PipelineTopics.ensure(admin, Platform.PARTITIONS, (short) 1);
            TopicSpecs.ensure(admin, ApiServer.roundControlTopics((short) 1));
        }
        jdbcUrl = engine("postgres", "postgres", postgresDir().toString(), Integer.toString(postgresPort));
        UpOptions options = UpOptions.defaults(work).withPorts(kafkaPort, connectPort, postgresPort)
            .withDemoData(devices, rows).withRun(rate, 0, UpOptions.defaults(work).triggerRows(), true, true);
        Path dataDir = work.resolve("data").resolve("devices");
        generated = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(devices).withRows(rows)
            .withSeed(seed).withDrift(DeviceShare.percentOf(options.driftPercent()), GeneratorConfig.DEFAULT_DRIFT_AT),
            dataDir);
        startFunctions(ApiServer.withRoundControl(options.withDeviceCount(devices)));
        // the connectors' ${secret:db-password} is the password the PostgreSQL engine keeps beside its data directory
        dbPassword = Files.readString(EmbeddedPostgres.passwordFile(postgresDir())).strip();
        Path secrets = Platform.secretsDir(work);
        SecretFile.write(secrets.resolve(Platform.DB_PASSWORD_SECRET), dbPassword);
        List<String> environment = new ArrayList<>();
        Platform.connectorEnvironment(options, dataDir, jdbcUrl, EmbeddedPostgres.USER)
            .forEach((k, v) -> environment.add(k + "=" + v));
        List<String> connectArgs = new ArrayList<>(List.of("connect", bootstrap, Integer.toString(connectPort),
            secrets.toString()));
        connectArgs.addAll(environment);
        connectUrl = URI.create(engine("connect", connectArgs.toArray(String[]::new)));
        ConnectorConfigs.apply(rest(), ConnectorConfigs.load(ProjectLayout.connectConfigs()));
    }

    private String engine(String name, String... args) throws IOException, InterruptedException {
        ChildJvm child = new ChildJvm(name, EngineMain.class.getName(), List.of(args), Map.of(), logs, ENGINE_OPTS);
        processes.put(name, child);
        return child.startAndAwait(EngineMain.READY, READY_TIMEOUT);
    }

    private void startFunctions(UpOptions fleet) throws Exception {
        Map<String, Map<String, String>> settings = FunctionApps.settings(bootstrap, fleet, work.resolve("streams"));
        for (Map.Entry<String, FunctionProcess> f : FUNCTIONS.entrySet()) {
            Path file = work.resolve("config").resolve(f.getKey() + ".properties");
            writeProperties(file, settings.get(f.getKey()));
            ChildJvm child = new ChildJvm(f.getKey(), f.getValue().main().getName(), List.of(),
                Map.of(FunctionConfig.envName(FunctionConfig.CONFIG_FILE), file.toString()), logs, FUNCTION_OPTS);
            processes.put(f.getKey(), child);
            child.start();
        }
        awaitGroupsStable();
    }

    private static void writeProperties(Path file, Map<String, String> values) throws IOException {
        Files.createDirectories(file.getParent());
        Properties props = new Properties();
        props.putAll(values);
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "flead up's settings of this function");
        }
    }

    /** Waits until every function's group has a stable membership: it consumes. */
    private void awaitGroupsStable() throws Exception {
        List<String> groups = FUNCTIONS.values().stream().map(FunctionProcess::group).toList();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                Map<String, GroupState> states = new LinkedHashMap<>();
                for (String group : groups) {
                    states.put(group, groupState(admin, group));
                }
                if (states.values().stream().allMatch(state -> state == GroupState.STABLE)) {
                    return;
                }
                for (String name : FUNCTIONS.keySet()) {
                    if (!processes.get(name).isAlive()) {
                        throw new IllegalStateException(name + " exited at start; see " + processes.get(name).out());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The functions did not all join their groups within "
                        + READY_TIMEOUT.toSeconds() + " s: " + states);
                }
                Thread.sleep(200);
            }
        }
    }

    /** A group's state; UNKNOWN while the broker does not know the group yet. */
    private static GroupState groupState(Admin admin, String group) throws InterruptedException, TimeoutException {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).groupState();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return GroupState.UNKNOWN;
            }
            throw new IllegalStateException("Cannot describe group " + group + ": " + e.getCause(), e);
        }
    }

    /** SIGKILL of a component; PostgreSQL's postmaster and its backends are killed with it. */
    void kill(String component) throws Exception {
        if (component.equals("postgres")) {
            killPostgres();
        } else {
            process(component).kill();
        }
    }

    /** A clean stop: SIGTERM, and the engine's shutdown hook stops it. */
    void stop(String component) throws InterruptedException {
        process(component).stop();
    }

    /** Starts a stopped or killed component again with its arguments; an engine's call returns once it serves. */
    void restart(String component) throws IOException, InterruptedException {
        ChildJvm child = process(component);
        if (FUNCTIONS.containsKey(component)) {
            child.start();
        } else {
            child.startAndAwait(EngineMain.READY, READY_TIMEOUT);
        }
    }

    /** SIGSTOP ({@code freeze}) or SIGCONT of a component and every process under it. */
    void signalTree(String component, boolean freeze) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        ProcessHandle root = component.equals("postgres") ? postmaster() : ProcessHandle.of(process(component).pid())
            .orElseThrow();
        pids.add(root.pid());
        root.descendants().forEach(p -> pids.add(p.pid()));
        List<String> command = new ArrayList<>(List.of("kill", freeze ? "-STOP" : "-CONT"));
        pids.forEach(p -> command.add(Long.toString(p)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private void killPostgres() throws InterruptedException {
        EmbeddedPostgres.postmaster(postgresDir()).ifPresent(postmaster -> {
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            postmaster.onExit().join();
            backends.forEach(b -> b.onExit().join());
        });
        // the JVM that started it holds zonky's lock on the data directory: it goes too, as an OOM kill would take it
        process("postgres").kill();
    }

    private ProcessHandle postmaster() {
        return EmbeddedPostgres.postmaster(postgresDir())
            .orElseThrow(() -> new IllegalStateException("No PostgreSQL runs on " + postgresDir()));
    }

    private ChildJvm process(String component) {
        ChildJvm child = processes.get(component);
        if (child == null) {
            throw new IllegalArgumentException("No process '" + component + "' in the stack: " + processes.keySet());
        }
        return child;
    }

    private Path postgresDir() {
        return work.resolve("postgres");
    }

    Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrap, "default.api.timeout.ms", "30000"));
    }

    /** A client of the worker process's REST API, signed in as flead up's worker is (its password file in the work dir). */
    ConnectRestClient rest() {
        return new ConnectRestClient(connectUrl, Platform.connectRestLogin(Platform.secretsDir(work)));
    }

    String bootstrap() {
        return bootstrap;
    }

    /** A connection to the stack's PostgreSQL, with its password. */
    Connection database(String urlSuffix) throws SQLException {
        return DriverManager.getConnection(jdbcUrl + urlSuffix, EmbeddedPostgres.USER, dbPassword);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The replayed fleet: its devices and training rows. */
    GenerationReport generated() {
        return generated;
    }

    /** Consumer groups of the functions and of the sink connectors, whose lag says whether the pipeline caught up. */
    Set<String> groups() {
        List<String> groups = new ArrayList<>(FUNCTIONS.values().stream().map(FunctionProcess::group).toList());
        ConnectorConfigs.sinkGroups(ConnectorConfigs.load(ProjectLayout.connectConfigs())).keySet().forEach(groups::add);
        return Set.copyOf(groups);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Kills every process of the stack with SIGKILL (a frozen one first continued), PostgreSQL's included. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook kills them
        }
        killAll();
    }

    private synchronized void killAll() {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            try {
                if (name.equals("postgres")) {
                    killPostgres();
                } else {
                    processes.get(name).kill();
                }
            } catch (Exception e) {
                System.err.println("# could not kill " + name + ": " + e);
            }
        }
    }
}
