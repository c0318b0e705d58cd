package io.flead.platform.connect;

import io.flead.embedded.ConnectRestClient;
import io.flead.embedded.ConnectRestLogin;
import io.flead.embedded.ConnectorStatus;
import io.flead.platform.CliArgs;
import io.flead.platform.ProjectLayout;
import io.flead.platform.up.Platform;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code flead connectors apply|status|restart [--connect-url URL] [--dir DIR] [--work-dir DIR]
 * [--connect-user USER --connect-password-file FILE]}: the shipped connector configs against a running Connect cluster
 * (the one {@code flead up} runs, on 8083, by default), signed in with {@code flead up}'s REST login unless another is
 * given.
 */
public final class ConnectorsCommand {
    static final String DEFAULT_URL = "http://localhost:8083/";

    private ConnectorsCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: flead connectors apply|status|restart [--connect-url URL] [--dir connect-configs] "
                + "[--work-dir .flead] [--connect-user USER --connect-password-file FILE]");
            return 2;
        }
        CliArgs opts = new CliArgs(Arrays.copyOfRange(args, 1, args.length),
            Set.of("connect-url", "dir", "work-dir", "connect-user", "connect-password-file"), Set.of());
        ConnectRestClient rest = new ConnectRestClient(URI.create(opts.string("connect-url", DEFAULT_URL)), login(opts));
        List<ConnectorConfigs.ConnectorConfig> configs = ConnectorConfigs.load(
            opts.has("dir") ? Path.of(opts.string("dir", "")) : ProjectLayout.connectConfigs());
        switch (args[0]) {
            case "apply":
                ConnectorConfigs.apply(rest, configs);
                configs.forEach(c -> out.println("applied " + c.name() + " from " + c.file()));
                return 0;
            case "status":
                rest.connectors().forEach(name -> out.println(describe(rest.connectorStatus(name))));
                return 0;
            case "restart":
                configs.forEach(c -> {
                    rest.restart(c.name(), true);
                    out.println("restarted " + c.name() + " and its tasks");
                });
                return 0;
            default:
                err.println("flead connectors: unknown action '" + args[0] + "' (apply, status or restart)");
                return 2;
        }
    }

    /**
     * The REST login: {@code --connect-user} (default {@value Platform#CONNECT_REST_USER}) with the password of
     * {@code --connect-password-file}; else {@code flead up}'s of {@code --work-dir} (default {@code .flead}) when that
     * file exists; else none (the URL's user info, if any).
     */
    static ConnectRestLogin login(CliArgs opts) {
        String user = opts.string("connect-user", Platform.CONNECT_REST_USER);
        if (opts.has("connect-password-file")) {
            return new ConnectRestLogin(user, Path.of(opts.string("connect-password-file", "")));
        }
        Path upFile = Platform.secretsDir(Path.of(opts.string("work-dir", ".flead")))
            .resolve(Platform.CONNECT_REST_PASSWORD_SECRET);
        return Files.isRegularFile(upFile) ? new ConnectRestLogin(Platform.CONNECT_REST_USER, upFile) : null;
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
