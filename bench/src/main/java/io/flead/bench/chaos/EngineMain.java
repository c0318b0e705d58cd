package io.flead.bench.chaos;

import io.flead.embedded.EmbeddedConnect;
import io.flead.embedded.EmbeddedKafka;
import io.flead.embedded.EmbeddedPostgres;
import io.flead.platform.up.Platform;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main of an engine's own JVM in the chaos stack, with the classes and settings {@code flead up} uses:
 * {@code broker <data dir> <port>}, {@code connect <bootstrap> <rest port> [NAME=value…]} (the connector
 * environment), {@code postgres <data dir> <port>}. It prints {@value #READY} and its address once it serves, and
 * stops its engine cleanly on SIGTERM.
 */
public final class EngineMain {
    static final String READY = "READY ";

    private EngineMain() {
    }

    public static void main(String[] args) throws Exception {
        AutoCloseable engine;
        String address;
        switch (args[0]) {
            case "broker" -> {
                EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[1]), Platform.brokerSettings(Integer.parseInt(args[2])));
                engine = kafka;
                address = kafka.bootstrapServers();
            }
            case "connect" -> {
                EmbeddedConnect connect = EmbeddedConnect.start(Platform.connectSettings(args[1],
                    Integer.parseInt(args[2]), environment(args), Path.of(args[3])));
                engine = connect;
                address = connect.restUrl().toString();
            }
            case "postgres" -> {
                EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[1]), Integer.parseInt(args[2]));
                engine = postgres;
                address = postgres.jdbcUrl();
            }
            default -> throw new IllegalArgumentException("Unknown engine '" + args[0] + "': broker, connect or postgres");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                engine.close();
            } catch (Exception e) {
                System.err.println("Stopping " + args[0] + " failed: " + e);
            }
        }, "engine-stop"));
        System.out.println(READY + address);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static Map<String, String> environment(String[] args) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            env.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        return env;
    }
}
