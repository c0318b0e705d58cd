package io.flead.platform.compose;

import static io.flead.platform.compose.ComposeFile.list;
import static io.flead.platform.compose.ComposeFile.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.embedded.PluginDirs;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.platform.compose.ComposeFile.Mount;
import io.flead.platform.connect.ConnectorConfigs;
import io.flead.runtime.FunctionConfig;
import io.flead.score.config.ScoreConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml, checked without a Docker engine: health, dependencies, images, mounts and settings. */
class ComposeFileTest {
    static final Set<String> ONE_SHOT = Set.of("datagen", "connector-init", "minute-aggregates");
    static final Map<String, ConfigDef> FUNCTIONS = Map.of("local-train", LocalTrainConfig.definition(),
        "fedavg", FedAvgConfig.definition(), "score", ScoreConfig.definition(), "drift-check", DriftCheckConfig.definition());
    static final Map<String, String> PLUGINS = Map.of("csv-device-source", "org.apache.kafka.connect.source.SourceConnector",
        "timescale-sink", "org.apache.kafka.connect.sink.SinkConnector",
        "connect-secrets", "org.apache.kafka.connect.rest.ConnectRestExtension");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9./-]+:([A-Za-z0-9._-]+)");
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");
    private static final Pattern SECRET_PLACEHOLDER = Pattern.compile("\\$\\{secret:([A-Za-z0-9_.-]+)}");
    /** The variables of .env.example that are secrets. */
    static final Set<String> SECRET_VARIABLES = Set.of("FLEAD_DB_PASSWORD", "FLEAD_DB_ADMIN_PASSWORD",
        "FLEAD_GRAFANA_DB_PASSWORD", "GRAFANA_ADMIN_PASSWORD");

    private final ComposeFile compose = ComposeFile.load();
    private final ComposeFile sasl = ComposeFile.load("docker-compose.sasl.yml");

    @Test
    void runsTheWholeStack() {
        assertThat(compose.services().keySet()).containsExactlyInAnyOrder("kafka", "connect", "timescaledb",
            "grafana", "kafka-ui", "local-train", "fedavg", "score", "drift-check", "datagen", "connector-init", "minute-aggregates",
            "flead-api");
    }

    @Test
    void everyServiceHasAHealthcheckOrIsAOneShotJob() {
        compose.services().forEach((name, s) -> {
            if (ONE_SHOT.contains(name)) {
                assertThat(s.get("restart")).as(name + " restart").isEqualTo("no");
                assertThat(s).as(name).doesNotContainKey("healthcheck");
            } else {
                assertThat(list(map(s.get("healthcheck")).get("test"))).as(name + " healthcheck").hasSizeGreaterThan(1);
                assertThat(s.get("restart")).as(name + " restart").isEqualTo("unless-stopped");
            }
        });
    }

    @Test
    void theMinuteAggregatesJobRunsThePlatformsSchemaStepAsTheSinkUser() {
        Map<String, Object> job = compose.service("minute-aggregates");
        assertThat(list(job.get("command")).stream().map(String::valueOf).collect(Collectors.joining(" "))).endsWith(" io.flead.platform.analytics.MinuteAggregatesMain");
        assertThat(compose.environment("minute-aggregates")).containsEntry("FLEAD_JDBC_URL",
            compose.environment("flead-api").get("FLEAD_JDBC_URL")).containsEntry("FLEAD_DB_USER",
            compose.environment("timescaledb").get("FLEAD_DB_USER"));
        assertThat(map(job.get("depends_on"))).containsOnlyKeys("timescaledb");
    }

    @Test
    void dependenciesWaitForHealthOrCompletion() {
        compose.services().forEach((name, s) -> map(s.get("depends_on")).forEach((dependency, spec) -> {
            assertThat(compose.services()).as(name + " depends on " + dependency).containsKey(dependency);
            String expected = ONE_SHOT.contains(dependency) ? "service_completed_successfully" : "service_healthy";
            assertThat(map(spec).get("condition")).as(name + " -> " + dependency).isEqualTo(expected);
        }));
        assertThat(map(compose.service("connect").get("depends_on"))).containsKeys("kafka", "timescaledb", "datagen");
        assertThat(map(compose.service("connector-init").get("depends_on")))
            .containsKeys("connect", "local-train", "fedavg", "score", "drift-check");
    }

    @Test
    void imagesArePinnedToVersions() {
        compose.services().forEach((name, s) -> {
            String image = String.valueOf(s.get("image"));
            Matcher m = IMAGE.matcher(image);
            assertThat(m.matches()).as(name + " image '" + image + "' has a tag").isTrue();
            assertThat(m.group(1)).as(name + " image '" + image + "'").doesNotContain("latest").containsPattern("\\d");
        });
        assertThat(compose.service("kafka").get("image")).isEqualTo("apache/kafka:4.3.1");
        assertThat(compose.service("connect").get("image")).isEqualTo("apache/kafka:4.3.1");
        assertThat((String) compose.service("timescaledb").get("image")).matches("timescale/timescaledb:2\\.\\d+\\.\\d+-pg17");
        // the columnstore API the sink's compression settings call exists from 2.18 on
        String timescale = (String) compose.service("timescaledb").get("image");
        assertThat(Integer.parseInt(timescale.replaceAll(".*:2\\.(\\d+)\\..*", "$1"))).as(timescale).isGreaterThanOrEqualTo(18);
        assertThat((String) compose.service("grafana").get("image")).matches("grafana/grafana:1[12]\\.\\d+\\.\\d+");
        assertThat((String) compose.service("kafka-ui").get("image")).startsWith("kafbat/kafka-ui:v");
        FUNCTIONS.keySet().forEach(f -> assertThat((String) compose.service(f).get("image")).startsWith("eclipse-temurin:17"));
    }

    @Test
    void bindMountedFilesAndBuildOutputsExist() {
        // Build outputs exist here because the reactor packages every other module before this one.
        compose.services().forEach((name, s) -> compose.mounts(name).stream()
            .filter(m -> m.host().startsWith("./") && !m.host().equals("./data"))
            .forEach(m -> assertThat(compose.hostPath(m)).as(name + " mounts " + m.host()).exists()));
        assertThat(mountAt("datagen", "/opt/flead/datagen.jar").host()).startsWith("./datagen/target/flead-datagen-");
    }

    @Test
    void connectLoadsTheBuiltPluginsWithServiceLoadDiscoveryAndConfigProviders() throws IOException {
        Map<String, Object> connect = compose.service("connect");
        assertThat(list(connect.get("command"))).hasSize(2);
        Properties worker = workerProperties();
        assertThat(worker).containsEntry("plugin.discovery", "service_load").containsEntry("bootstrap.servers", "kafka:9092")
            .containsEntry("config.providers", "env,secret")
            .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
            .containsEntry("config.providers.secret.class", "io.flead.connect.secrets.SecretDirConfigProvider")
            .containsEntry("config.providers.secret.param.dir", "/run/secrets")
            .containsKey("rest.extension.classes");
        assertThat(worker.getProperty("rest.extension.classes").split(","))
            .contains("io.flead.connect.secrets.SecretGuardExtension");
        String pluginPath = worker.getProperty("plugin.path");
        for (Map.Entry<String, String> plugin : PLUGINS.entrySet()) {
            Mount m = mountAt("connect", pluginPath + "/" + plugin.getKey());
            Path built = PluginDirs.locate(plugin.getKey(), compose.root).resolve(plugin.getKey());
            assertThat(compose.hostPath(m)).as("mount of " + plugin.getKey()).isEqualTo(built.normalize());
            assertThat(servicesIn(built, plugin.getValue())).as(plugin.getKey() + " manifest").isNotEmpty();
        }
    }

    @Test
    void connectDefinesEveryEnvPlaceholderOfTheConnectorConfigsAndNoSecretAmongThem() throws IOException {
        Set<String> placeholders = placeholders(ENV_PLACEHOLDER);
        assertThat(placeholders).contains("FLEAD_DATA_DIR", "FLEAD_JDBC_URL").doesNotContainAnyElementsOf(SECRET_VARIABLES);
        Map<String, String> env = compose.environment("connect");
        assertThat(env).containsKeys(placeholders.toArray(String[]::new));
        assertThat(env.keySet()).doesNotContainAnyElementsOf(SECRET_VARIABLES)
            .noneMatch(name -> name.startsWith("FLEAD_") && name.contains("PASSWORD"));
        // the env provider serves exactly the placeholders' variables: never a secret, should one be set after all
        Pattern allowed = Pattern.compile(workerProperties().getProperty("config.providers.env.param.allowlist.pattern"));
        assertThat(placeholders).allMatch(name -> allowed.matcher(name).matches());
        assertThat(SECRET_VARIABLES).noneMatch(name -> allowed.matcher(name).matches());
        // the REST login of start-worker.sh is in the container's environment, but no provider serves it
        assertThat(Stream.of("PATH", "HOME", "KAFKA_HEAP_OPTS", "FLEAD_SECRET", "CONNECT_REST_USER", "CONNECT_REST_PASSWORD"))
            .noneMatch(name -> allowed.matcher(name).matches());
        assertThat(env.get("FLEAD_JDBC_URL")).startsWith("jdbc:postgresql://timescaledb:5432/");
        Mount data = mountAt("connect", "/data");
        assertThat(env.get("FLEAD_DATA_DIR")).startsWith(data.container() + "/");
        assertThat(compose.mounts("datagen")).extracting(Mount::host).contains(data.host());
    }

    @Test
    void theSinksPasswordIsAComposeSecretFileNamedByItsPlaceholder() throws IOException {
        Set<String> secrets = placeholders(SECRET_PLACEHOLDER);
        assertThat(secrets).containsExactly("db-password");
        assertThat(list(compose.service("connect").get("secrets"))).containsExactlyElementsOf(secrets);
        assertThat(map(map(compose.doc.get("secrets")).get("db-password"))).containsEntry("environment", "FLEAD_DB_PASSWORD");
        assertThat(compose.interpolatedVariables()).as("a required secret of .env").containsEntry("FLEAD_DB_PASSWORD", null);
        assertThat(workerProperties().getProperty("config.providers.secret.param.dir")).isEqualTo("/run/secrets");
        for (Path file : connectorConfigFiles()) {
            String text = Files.readString(file);
            Matcher m = SECRET_PLACEHOLDER.matcher(text);
            while (m.find()) {
                assertThat(text).as(file + ": a secret only in connection.password")
                    .contains("\"connection.password\": \"" + m.group() + "\"")
                    .contains("\"connection.url\": \"${env:FLEAD_JDBC_URL}\"");
            }
        }
    }

    @Test
    void connectsRestApiIsPublishedOnThisMachineOnly() {
        assertThat(list(compose.service("connect").get("ports"))).singleElement().asString()
            .startsWith("${FLEAD_CONNECT_HOST_IP:-127.0.0.1}:");
    }

    @Test
    void theInitJobAppliesEveryConnectorConfigAndTheyParse() throws Exception {
        Map<String, Object> init = compose.service("connector-init");
        assertThat(compose.environment("connector-init")).containsEntry("CONNECT_URL", "http://connect:8083");
        Mount configs = mountAt("connector-init", compose.environment("connector-init").get("CONFIG_DIR"));
        assertThat(compose.hostPath(configs)).isEqualTo(compose.root.resolve("connect-configs"));
        List<ConnectorConfigs.ConnectorConfig> loaded = ConnectorConfigs.load(compose.hostPath(configs));
        assertThat(loaded).extracting(ConnectorConfigs.ConnectorConfig::name)
            .containsExactlyInAnyOrder("csv-device-source", "timescale-alerts-sink", "timescale-sink");
        String script = String.valueOf(list(init.get("entrypoint")).get(1));
        assertThat(compose.hostPath(mountAt("connector-init", script))).isRegularFile();
    }

    @Test
    void theApplyScriptSendsExactlyEachFilesConfigObject() throws Exception {
        Path script = compose.hostPath(mountAt("connector-init", "/opt/flead/apply-connectors.sh"));
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to run " + script + " in dry-run mode");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString()).redirectErrorStream(true);
        pb.environment().put("APPLY_DRY_RUN", "1");
        pb.environment().put("CONFIG_DIR", compose.root.resolve("connect-configs").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Map<String, JsonNode> sent = new LinkedHashMap<>();
        for (String part : out.split("=== ")) {
            if (!part.isBlank()) {
                int nl = part.indexOf('\n');
                sent.put(part.substring(0, nl).strip(), new ObjectMapper().readTree(part.substring(nl + 1)));
            }
        }
        ObjectMapper json = new ObjectMapper();
        for (ConnectorConfigs.ConnectorConfig c : ConnectorConfigs.load(compose.root.resolve("connect-configs"))) {
            assertThat(sent.get(c.name())).as(c.name()).isEqualTo(json.valueToTree(c.config()));
        }
        assertThat(sent).hasSize(connectorConfigFiles().size());
    }

    @Test
    void functionsRunTheBuiltJarsWithSettingsTheyDeclare() {
        for (Map.Entry<String, ConfigDef> f : FUNCTIONS.entrySet()) {
            String name = f.getKey();
            Mount jar = mountAt(name, "/opt/flead/function.jar");
            assertThat(jar.host()).isEqualTo("./functions/" + name + "/target/" + name + ".jar");
            assertThat(list(compose.service(name).get("command"))).contains("-jar", "/opt/flead/function.jar");
            Set<String> declared = f.getValue().names().stream().map(FunctionConfig::envName).collect(Collectors.toSet());
            Map<String, String> env = compose.environment(name);
            assertThat(declared).as(name + " settings").containsAll(env.keySet());
            assertThat(env).containsEntry("FLEAD_BOOTSTRAP_SERVERS", "kafka:9092").containsEntry("FLEAD_APPLICATION_ID", name);
            String health = String.join(" ", list(map(compose.service(name).get("healthcheck")).get("test")).stream()
                .map(String::valueOf).toList());
            assertThat(health).contains("/dev/tcp/127.0.0.1/" + env.get("FLEAD_HEALTH_PORT")).contains("GET /health");
            // flead-api asks /health over the compose network: the endpoint listens there, and is never published
            assertThat(env).containsEntry("FLEAD_HEALTH_BIND_ADDRESS", "0.0.0.0");
            assertThat(compose.service(name)).doesNotContainKey("ports");
            assertThat(compose.environment("flead-api").get("FLEAD_FUNCTION_HEALTH_URLS"))
                .contains(name + "=http://" + name + ":" + env.get("FLEAD_HEALTH_PORT") + "/health");
        }
    }

    @Test
    void everyPublishedPortListensOnThisMachineOnly() {
        Map<String, List<ComposeFile.Port>> published = new LinkedHashMap<>();
        compose.services().keySet().forEach(name -> published.put(name, compose.ports(name)));
        published.values().removeIf(List::isEmpty);
        assertThat(published).containsOnlyKeys("kafka", "timescaledb", "connect", "flead-api", "grafana", "kafka-ui");
        published.forEach((name, ports) -> assertThat(ports).as(name + " ports").allSatisfy(
            p -> assertThat(p.hostIp()).as(name + " publishes " + p.containerPort() + " on").isEqualTo("127.0.0.1")));
        assertThat(compose.ports("flead-api")).containsExactly(new ComposeFile.Port("127.0.0.1", "8088", "8088"));
        // The broker tells host clients the name they reach it by: opening the port to other machines changes both.
        assertThat(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"))
            .contains("HOST://localhost:" + compose.ports("kafka").get(0).hostPort());
    }

    @Test
    void connectRefusesRestRequestsWithoutTheBasicCredentialsOfItsEnvironment() throws IOException {
        Properties worker = workerProperties();
        assertThat(worker.getProperty("rest.extension.classes").split(","))
            .contains("org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension");
        assertThat(list(compose.service("connect").get("command"))).first().isEqualTo("/opt/flead/start-worker.sh");
        String start = Files.readString(compose.hostPath(mountAt("connect", "/opt/flead/start-worker.sh")));
        String jaas = Files.readString(compose.hostPath(mountAt("connect", "/opt/flead/connect-jaas.conf")));
        // The realm is fixed to KafkaConnect; its users file is written at start from the environment, not checked in.
        assertThat(jaas).contains("KafkaConnect {")
            .contains("org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required");
        Matcher usersFile = Pattern.compile("file=\"([^\"]+)\"").matcher(jaas);
        assertThat(usersFile.find()).as("users file of connect-jaas.conf").isTrue();
        assertThat(start).contains("-Djava.security.auth.login.config=/opt/flead/connect-jaas.conf")
            .contains("> " + usersFile.group(1)).contains("exec /opt/kafka/bin/connect-distributed.sh \"$worker\" \"$@\"")
            .contains("\"$CONNECT_REST_USER\" \"$CONNECT_REST_PASSWORD\"");
        assertThat(compose.mounts("connect")).extracting(Mount::host).noneMatch(h -> h.contains("password"));
        assertThat(compose.text).contains("CONNECT_REST_PASSWORD: ${FLEAD_CONNECT_PASSWORD:?");
        assertThat(compose.interpolatedVariables()).containsEntry("FLEAD_CONNECT_PASSWORD", null);
        // The env config provider of connector configs reads FLEAD_* only: it must not reach the REST password.
        assertThat(compose.environment("connect").keySet().stream().filter(k -> k.startsWith("CONNECT_REST_")))
            .containsExactlyInAnyOrder("CONNECT_REST_USER", "CONNECT_REST_PASSWORD")
            .noneMatch(k -> k.matches(worker.getProperty("config.providers.env.param.allowlist.pattern")));
        String user = compose.environment("connect").get("CONNECT_REST_USER");
        String password = compose.environment("connect").get("CONNECT_REST_PASSWORD");
        assertThat(compose.environment("connector-init")).containsEntry("CONNECT_USER", user)
            .containsEntry("CONNECT_PASSWORD", password);
        assertThat(compose.environment("kafka-ui")).containsEntry("KAFKA_CLUSTERS_0_KAFKACONNECT_0_USERNAME", user)
            .containsEntry("KAFKA_CLUSTERS_0_KAFKACONNECT_0_PASSWORD", password);
        assertThat(compose.environment("flead-api").get("FLEAD_CONNECT_URL")).isEqualTo("http://" + user + ":" + password
            + "@" + compose.environment("kafka-ui").get("KAFKA_CLUSTERS_0_KAFKACONNECT_0_ADDRESS").substring(7) + "/");
        // The healthcheck asks /health with the same credentials, from the container's own environment.
        assertThat(list(map(compose.service("connect").get("healthcheck")).get("test")).toString())
            .contains("Authorization: Basic", "$CONNECT_REST_USER", "$CONNECT_REST_PASSWORD", "GET /health");
    }

    @Test
    void theInitJobSendsTheCredentialsFromAFileNotItsArguments() throws IOException {
        String script = Files.readString(compose.hostPath(mountAt("connector-init", "/opt/flead/apply-connectors.sh")));
        assertThat(script).contains("curl -s -K \"$CURL_CONFIG\"").contains("user = \"%s:%s\"")
            .contains("\"$CONNECT_USER\"").doesNotContain("-u \"$CONNECT_USER");
    }

    @Test
    void kafkaUiSignsUsersInAndOnlyShowsTheCluster() {
        Map<String, String> env = compose.environment("kafka-ui");
        assertThat(env).containsEntry("AUTH_TYPE", "LOGIN_FORM").containsEntry("KAFKA_CLUSTERS_0_READONLY", "true")
            .containsEntry("DYNAMIC_CONFIG_ENABLED", "false").containsEntry("SPRING_SECURITY_USER_NAME", "admin");
        assertThat(compose.text).contains("SPRING_SECURITY_USER_PASSWORD: ${FLEAD_KAFKA_UI_PASSWORD:?");
        assertThat(compose.interpolatedVariables()).containsEntry("FLEAD_KAFKA_UI_PASSWORD", null);
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("KAFKA_CLUSTERS_1_"));
    }

    @Test
    void theSaslOverlayAsksEveryKafkaClientForScramAndEveryClientSignsInWithIt() throws IOException {
        Map<String, String> broker = sasl.environment("kafka");
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String entry : broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            protocols.put(entry.split(":")[0], entry.split(":")[1]);
        }
        String controller = compose.environment("kafka").get("KAFKA_CONTROLLER_LISTENER_NAMES");
        for (String listener : broker.get("KAFKA_LISTENERS").split(",")) {
            String name = listener.substring(0, listener.indexOf("://"));
            assertThat(protocols.get(name)).as("protocol of listener " + name)
                .isIn(name.equals(controller) ? List.of("PLAINTEXT", "SSL") : List.of("SASL_PLAINTEXT", "SASL_SSL"));
        }
        String mechanism = "SCRAM-SHA-512";
        assertThat(broker).containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", mechanism)
            .containsEntry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", mechanism);
        String internal = broker.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        assertThat(broker.get("KAFKA_ADVERTISED_LISTENERS")).contains(internal + "://kafka:9092");
        String clientProtocol = protocols.get(internal);
        for (String name : FUNCTIONS.keySet()) {
            assertThat(compose.environment(name)).containsEntry("FLEAD_BOOTSTRAP_SERVERS", "kafka:9092");
            Map<String, String> env = sasl.environment(name);
            assertThat(env).as(name).containsEntry("FLEAD_SECURITY_PROTOCOL", clientProtocol)
                .containsEntry("FLEAD_SASL_MECHANISM", mechanism);
            assertScram(name, env.get("FLEAD_SASL_JAAS_CONFIG"), "FLEAD_KAFKA_FUNCTIONS");
            Set<String> declared = FUNCTIONS.get(name).names().stream().map(FunctionConfig::envName).collect(Collectors.toSet());
            assertThat(declared).as(name + " settings").containsAll(env.keySet());
        }
        Map<String, String> connect = sasl.environment("connect");
        assertThat(connect).containsEntry("CONNECT_KAFKA_SECURITY_PROTOCOL", clientProtocol)
            .containsEntry("CONNECT_KAFKA_SASL_MECHANISM", mechanism);
        assertScram("connect", connect.get("CONNECT_KAFKA_SASL_JAAS_CONFIG"), "FLEAD_KAFKA_CONNECT");
        String start = Files.readString(compose.hostPath(mountAt("connect", "/opt/flead/start-worker.sh")));
        assertThat(start).contains("for prefix in \"\" producer. consumer. admin.; do")
            .contains("${prefix}security.protocol=${CONNECT_KAFKA_SECURITY_PROTOCOL}")
            .contains("${prefix}sasl.mechanism=${CONNECT_KAFKA_SASL_MECHANISM}")
            .contains("${prefix}sasl.jaas.config=${CONNECT_KAFKA_SASL_JAAS_CONFIG}");
        Map<String, String> ui = sasl.environment("kafka-ui");
        assertThat(ui).containsEntry("KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL", clientProtocol)
            .containsEntry("KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM", mechanism);
        assertScram("kafka-ui", ui.get("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG"), "FLEAD_KAFKA_UI_CLIENT");
        assertScram("kafka", broker.get("KAFKA_LISTENER_NAME_" + internal + "_SCRAM___SHA___512_SASL_JAAS_CONFIG"),
            "FLEAD_KAFKA_BROKER");
    }

    @Test
    void everyServiceWithAKafkaClientSignsInUnderTheSaslOverlay() {
        Map<String, String> broker = sasl.environment("kafka");
        String internal = broker.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        String protocol = List.of(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")).stream()
            .filter(e -> e.startsWith(internal + ":")).findFirst().orElseThrow().substring(internal.length() + 1);
        // a service points a Kafka client at the broker in its environment (the worker does so in its properties file)
        List<String> clients = compose.services().keySet().stream().filter(name -> !name.equals("kafka"))
            .filter(name -> compose.environment(name).values().stream().anyMatch(v -> v.contains("kafka:9092"))).toList();
        assertThat(clients).contains("flead-api", "kafka-ui", "local-train", "fedavg", "score", "drift-check");
        for (String name : clients) {
            assertThat(sasl.services()).as("services the SASL overlay configures").containsKey(name);
            Map<String, String> env = sasl.environment(name);
            assertThat(env).as(name).anySatisfy((k, v) -> {
                assertThat(k).endsWith("SECURITY_PROTOCOL");
                assertThat(v).isEqualTo(protocol);
            }).anySatisfy((k, v) -> {
                assertThat(k).endsWith("SASL_MECHANISM");
                assertThat(v).isEqualTo("SCRAM-SHA-512");
            }).anySatisfy((k, v) -> {
                assertThat(k).endsWith("SASL_JAAS_CONFIG");
                assertThat(v).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=");
            });
        }
        Map<String, String> api = sasl.environment("flead-api");
        assertThat(api).containsEntry("FLEAD_SECURITY_PROTOCOL", protocol)
            .containsEntry("FLEAD_SASL_MECHANISM", "SCRAM-SHA-512");
        assertScram("flead-api", api.get("FLEAD_SASL_JAAS_CONFIG"), "FLEAD_KAFKA_FUNCTIONS");
    }

    @Test
    void theSaslBrokerFormatsItsStorageWithEveryClientsScramUserAndPublishesNothingNew() throws IOException {
        Map<String, Object> kafka = sasl.service("kafka");
        String script = String.valueOf(list(kafka.get("command")).get(0));
        String start = Files.readString(sasl.hostPath(sasl.mounts("kafka").stream().filter(m -> m.container().equals(script))
            .findFirst().orElseThrow(() -> new AssertionError("the SASL overlay mounts no " + script))));
        assertThat(start).contains("kafka-storage.sh format --ignore-formatted").contains("exec /etc/kafka/docker/run")
            .contains("printf 'SCRAM-SHA-512=[name=%s,password=%s]'");
        for (String user : List.of("FLEAD_KAFKA_BROKER", "FLEAD_KAFKA_FUNCTIONS", "FLEAD_KAFKA_CONNECT", "FLEAD_KAFKA_UI_CLIENT")) {
            assertThat(start).contains("--add-scram \"$(scram \"$" + user + "_USER\" \"$" + user + "_PASSWORD\")\"");
            assertThat(sasl.environment("kafka")).containsKeys(user + "_USER", user + "_PASSWORD");
            assertThat(sasl.interpolatedVariables()).containsEntry(user + "_PASSWORD", null);
        }
        assertThat(list(map(kafka.get("healthcheck")).get("test")).toString())
            .contains("--command-config /tmp/flead-kafka/client.properties");
        assertThat(start).contains("/tmp/flead-kafka/client.properties");
        sasl.services().forEach((name, s) -> assertThat(s).as(name + " in the SASL overlay").doesNotContainKey("ports"));
        assertThat(compose.services()).containsKeys(sasl.services().keySet().toArray(String[]::new));
    }

    /** A SCRAM login line whose user and password come from {@code <prefix>_USER} and a required {@code <prefix>_PASSWORD}. */
    private void assertScram(String service, String jaas, String prefix) {
        assertThat(jaas).as(service + " sasl.jaas.config").isNotNull()
            .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"")
            .contains("password=\"<" + prefix + "_PASSWORD>\"").endsWith(";");
        assertThat(sasl.text).contains("username=\"${" + prefix + "_USER:-");
    }

    @Test
    void kafkaIsOneKraftNodeWithAValidClusterIdAndABrokerSideHealthcheck() throws IOException {
        Map<String, String> env = compose.environment("kafka");
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
            .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093");
        assertThat(Uuid.fromString(env.get("CLUSTER_ID"))).isNotNull();
        assertThat(Uuid.fromString(dotEnvExample().get("FLEAD_KAFKA_CLUSTER_ID"))).isNotNull();
        assertThat(list(map(compose.service("kafka").get("healthcheck")).get("test")).toString())
            .contains("kafka-broker-api-versions.sh --bootstrap-server localhost:9092").doesNotContain("curl", " nc ");
        assertThat(list(map(compose.service("connect").get("healthcheck")).get("test")).toString())
            .contains("/dev/tcp/127.0.0.1/8083", "GET /health").doesNotContain("curl");
    }

    @Test
    void grafanaIsProvisionedFromTheCheckoutWithItsAdminPasswordFromTheEnvironment() throws IOException {
        assertThat(compose.text).contains("GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:?");
        assertThat(compose.interpolatedVariables()).containsEntry("GRAFANA_ADMIN_PASSWORD", null);
        assertThat(mountAt("grafana", "/etc/grafana/provisioning/datasources").host()).isEqualTo("./grafana/provisioning/datasources");
        assertThat(mountAt("grafana", "/etc/grafana/provisioning/dashboards").host()).isEqualTo("./grafana/provisioning/dashboards");
        String provider = Files.readString(compose.root.resolve("grafana/provisioning/dashboards/flead.yaml"));
        Map<String, Object> providerDoc = new Yaml().load(provider);
        String path = String.valueOf(map(map(list(providerDoc.get("providers")).get(0)).get("options")).get("path"));
        assertThat(mountAt("grafana", path).host()).isEqualTo("./grafana/dashboards");
        String home = compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith(path + "/");
        assertThat(compose.root.resolve("grafana/dashboards").resolve(home.substring(path.length() + 1))).isRegularFile();
        String datasource = Files.readString(compose.root.resolve("grafana/provisioning/datasources/flead.yaml"));
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(datasource);
        while (m.find()) {
            assertThat(compose.environment("grafana")).as("grafana environment").containsKey(m.group(1));
        }
        assertThat(compose.environment("grafana").get("FLEAD_GRAFANA_DB_USER"))
            .isEqualTo(compose.environment("timescaledb").get("FLEAD_GRAFANA_DB_USER"));
    }

    @Test
    void timescaleCreatesTheSinkAndReaderRolesOnFirstStart() throws IOException {
        Mount init = compose.mounts("timescaledb").stream().filter(m -> m.container().startsWith("/docker-entrypoint-initdb.d/"))
            .findFirst().orElseThrow(() -> new AssertionError("no init script mounted into /docker-entrypoint-initdb.d"));
        String script = Files.readString(compose.hostPath(init));
        Mount sql = mountAt("timescaledb", "/flead/flead-roles.sql");
        assertThat(script).contains("-f " + sql.container()).contains("ON_ERROR_STOP=1");
        Matcher m = Pattern.compile("\\$([A-Z_]+)").matcher(script);
        Map<String, String> env = compose.environment("timescaledb");
        while (m.find()) {
            assertThat(env).as("timescaledb environment for the init script").containsKey(m.group(1));
        }
        assertThat(env.get("FLEAD_DB_USER")).isEqualTo(compose.environment("connect").get("FLEAD_DB_USER"));
    }

    @Test
    void theDotEnvHoldingTheSecretsIsNeverCommitted() throws IOException {
        List<String> ignored = java.nio.file.Files.readAllLines(io.flead.platform.ProjectLayout.root().resolve(".gitignore"));
        assertThat(ignored).as(".gitignore").contains(".env");
    }

    @Test
    void dotEnvExampleSetsEveryVariableTheComposeFileUses() throws IOException {
        Map<String, String> example = dotEnvExample();
        Map<String, String> used = new LinkedHashMap<>(compose.interpolatedVariables());
        for (ComposeFile overlay : List.of(sasl, ComposeFile.load("docker-compose.tls.yml"))) {
            overlay.interpolatedVariables().forEach((name, fallback) -> {
                assertThat(used.getOrDefault(name, fallback)).as(name + " has one default in every file").isEqualTo(fallback);
                used.put(name, fallback);
            });
        }
        assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(used.keySet());
        used.forEach((name, fallback) -> {
            if (fallback == null) {
                // Secrets have no default anywhere: compose refuses to start until .env sets them.
                assertThat(example.get(name)).as(name + " (required secret) in .env.example").isEmpty();
            } else if (!fallback.isEmpty()) {
                assertThat(example.get(name)).as(name + " in .env.example matches the compose default").isEqualTo(fallback);
            }
        });
    }

    private Properties workerProperties() throws IOException {
        String workerFile = String.valueOf(list(compose.service("connect").get("command")).get(1));
        Properties worker = new Properties();
        try (Reader r = Files.newBufferedReader(compose.hostPath(mountAt("connect", workerFile)))) {
            worker.load(r);
        }
        return worker;
    }

    private Map<String, String> dotEnvExample() throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(compose.root.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                assertThat(eq).as(".env.example line '" + line + "'").isPositive();
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private Set<String> placeholders(Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path file : connectorConfigFiles()) {
            Matcher m = pattern.matcher(Files.readString(file));
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private Mount mountAt(String service, String container) {
        return compose.mounts(service).stream().filter(m -> m.container().equals(container)).findFirst()
            .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + container + ": " + compose.mounts(service)));
    }

    private List<Path> connectorConfigFiles() throws IOException {
        try (Stream<Path> files = Files.list(compose.root.resolve("connect-configs"))) {
            return files.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    private static List<String> servicesIn(Path pluginDir, String service) throws IOException {
        try (Stream<Path> jars = Files.list(pluginDir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    if (j.getEntry("META-INF/services/" + service) != null) {
                        return List.of(jar.getFileName().toString());
                    }
                }
            }
        }
        return List.of();
    }
}
