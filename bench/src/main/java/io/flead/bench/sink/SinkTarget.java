package io.flead.bench.sink;

import java.util.Locale;

/**
 * Where {@code flead bench sink} lands its rows, from its arguments: {@code --target postgres} (the default: zonky's
 * PostgreSQL 17, plain tables) or {@code --target timescaledb} (hypertables on a TimescaleDB the bench starts with the
 * shared kit, or on the server {@code --jdbc-url} names). Metric names of the TimescaleDB target end in
 * {@link #suffix()}.
 */
record SinkTarget(Kind kind, String jdbcUrl, String user) {
    static final String TARGET = "--target";
    static final String JDBC_URL = "--jdbc-url";
    static final String DB_USER = "--db-user";

    /** The databases the benchmark can run against. */
    enum Kind {
        POSTGRES, TIMESCALEDB;

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reads {@code --target}, {@code --jdbc-url} and {@code --db-user}; a bad value is named with its option. */
    static SinkTarget parse(String[] args) {
        return of(value(args, TARGET, "postgres"), value(args, JDBC_URL, null), value(args, DB_USER, "postgres"));
    }

    /** The target from the values of {@code --target}, {@code --jdbc-url} (null: none) and {@code --db-user}. */
    static SinkTarget of(String target, String url, String user) {
        Kind kind = switch (target.toLowerCase(Locale.ROOT)) {
            case "postgres" -> Kind.POSTGRES;
            case "timescaledb" -> Kind.TIMESCALEDB;
            default -> throw new IllegalArgumentException("Invalid value '" + target + "' for option '" + TARGET
                    + "': must be postgres or timescaledb");
        };
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("Invalid value '" + url + "' for option '" + JDBC_URL
                    + "': must be a jdbc:postgresql:// URL");
        }
        if (url != null && kind != Kind.TIMESCALEDB) {
            throw new IllegalArgumentException("Invalid value '" + url + "' for option '" + JDBC_URL
                    + "': it names a TimescaleDB, so it needs " + TARGET + " timescaledb");
        }
        return new SinkTarget(kind, url, user);
    }

    boolean timescale() {
        return kind == Kind.TIMESCALEDB;
    }

    /** Appended to every metric name: empty for PostgreSQL, {@code .timescaledb} for TimescaleDB. */
    String suffix() {
        return timescale() ? ".timescaledb" : "";
    }

    private static String value(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException("Option '" + name + "' needs a value");
                }
                return args[i + 1];
            }
        }
        return fallback;
    }
}
