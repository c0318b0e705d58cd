package io.flead.platform.connect;

import io.flead.embedded.ConnectRestClient;
import io.flead.embedded.ConnectRestLogin;
import io.flead.embedded.ConnectorStatus;
import io.flead.platform.FleadCli;
import io.flead.platform.ProjectLayout;
import io.flead.platform.up.Platform;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flead connectors apply|status|restart [--connect-url URL] [--dir DIR] [--work-dir DIR]
 * [--connect-user USER --connect-password-file FILE]}: the shipped connector configs against a running Connect cluster
 * (the one {@code flead up} runs, on 8083, by default), signed in with {@code flead up}'s REST login unless another is
 * given.
 */
@Command(name = "connectors", mixinStandardHelpOptions = true,
    description = "The connect-configs/*.json on a running Connect cluster, signed in with flead up's Connect login "
        + "(or another).",
    subcommands = {ConnectorsCommand.Apply.class, ConnectorsCommand.Status.class, ConnectorsCommand.Restart.class})
public final class ConnectorsCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "http://localhost:8083/";

    @Spec
    CommandSpec spec;

    /** No action: the list of actions, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return FleadCli.USAGE;
    }

    /** The options every action takes, declared once. */
    public static final class Target {
        @Option(names = "--connect-url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "REST URL of the Connect cluster (default: ${DEFAULT-VALUE})")
        URI connectUrl;

        @Option(names = "--dir", paramLabel = "DIR",
            description = "the connector configs, one {\"name\", \"config\"} JSON file each (default: the checkout's "
                + "connect-configs/)")
        Path dir;

        @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".flead",
            description = "flead up's work dir, whose Connect login is used unless --connect-password-file is given "
                + "(default: ${DEFAULT-VALUE})")
        Path workDir;

        @Option(names = "--connect-user", paramLabel = "USER", defaultValue = Platform.CONNECT_REST_USER,
            description = "user of --connect-password-file (default: ${DEFAULT-VALUE})")
        String connectUser;

        @Option(names = "--connect-password-file", paramLabel = "FILE",
            description = "file holding the Connect REST password of --connect-user")
        Path connectPasswordFile;

        ConnectRestClient rest() {
            return new ConnectRestClient(connectUrl, login());
        }

        List<ConnectorConfigs.ConnectorConfig> configs() {
            return ConnectorConfigs.load(dir != null ? dir : ProjectLayout.connectConfigs());
        }

        /**
         * The REST login: {@code --connect-user} with the password of {@code --connect-password-file}; else
         * {@code flead up}'s of {@code --work-dir} when that file exists; else none (the URL's user info, if any).
         */
        ConnectRestLogin login() {
            if (connectPasswordFile != null) {
                return new ConnectRestLogin(connectUser, connectPasswordFile);
            }
            Path upFile = Platform.secretsDir(workDir).resolve(Platform.CONNECT_REST_PASSWORD_SECRET);
            return Files.isRegularFile(upFile) ? new ConnectRestLogin(Platform.CONNECT_REST_USER, upFile) : null;
        }
    }

    /** {@code flead connectors apply}. */
    @Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Create or update every connector of the configs (PUT /connectors/{name}/config).")
    static final class Apply implements Callable<Integer> {
        @Mixin
        Target target = new Target();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<ConnectorConfigs.ConnectorConfig> configs = target.configs();
            ConnectorConfigs.apply(target.rest(), configs);
            PrintWriter out = spec.commandLine().getOut();
            configs.forEach(c -> out.println("applied " + c.name() + " from " + c.file()));
            return 0;
        }
    }

    /** {@code flead connectors status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "The state of every connector and task on the cluster, with the trace of a failed one.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Target target = new Target();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ConnectRestClient rest = target.rest();
            PrintWriter out = spec.commandLine().getOut();
            rest.connectors().forEach(name -> out.println(describe(rest.connectorStatus(name))));
            return 0;
        }
    }

    /** {@code flead connectors restart}. */
    @Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart every connector of the configs and its tasks.")
    static final class Restart implements Callable<Integer> {
        @Mixin
        Target target = new Target();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ConnectRestClient rest = target.rest();
            PrintWriter out = spec.commandLine().getOut();
            target.configs().forEach(c -> {
                rest.restart(c.name(), true);
                out.println("restarted " + c.name() + " and its tasks");
            });
            return 0;
        }
    }

    static String describe(ConnectorStatus s) {
        StringBuilder line = new StringBuilder(s.name()).append(": ").append(s.state());
        s.tasks().forEach(t -> line.append("  task ").append(t.id()).append(' ').append(t.state()));
        if (s.hasFailed()) {
            line.append(System.lineSeparator()).append(s.firstTrace());
        }
        return line.toString();
    }
}
