package io.flead.platform.status;

import io.flead.embedded.SecretFile;
import io.flead.model.JsonCodec;
import io.flead.model.UpdateAck;
import io.flead.model.VersionEvaluation;
import io.flead.platform.CliArgs;
import io.flead.platform.DbPassword;
import io.flead.platform.up.JdbcUrls;
import io.flead.platform.up.Platform;
import io.flead.platform.up.ProgressView;
import io.flead.platform.up.RejectionTally;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code flead status [--jdbc-url URL [--db-password-file FILE]] [--work-dir DIR] [--bootstrap-server HOST:PORT]}: a
 * summary of what the pipeline has landed in the database, and the rejections fedavg reported on
 * {@code fedavg-consumed} after the latest version. Without {@code --jdbc-url} it reads {@code flead up}'s embedded
 * PostgreSQL with the password kept in the work directory; otherwise the password comes from the file or
 * {@code FLEAD_DB_PASSWORD}.
 */
public final class StatusCommand {
    static final String DEFAULT_URL = "jdbc:postgresql://localhost:15432/postgres?user=postgres";
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    private StatusCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws SQLException {
        return run(args, System.getenv(), out, err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws SQLException {
        DbPassword.refuseOnCommandLine(args);
        CliArgs opts = new CliArgs(args, Set.of("jdbc-url", "limit", "bootstrap-server", "work-dir",
            DbPassword.FILE_OPTION), Set.of());
        String url = opts.string("jdbc-url", DEFAULT_URL);
        String bootstrap = opts.string("bootstrap-server", DEFAULT_BOOTSTRAP);
        int limit = (int) opts.longValue("limit", 10, 1, 1000);
        Path embeddedPassword = Platform.embeddedPasswordFile(Path.of(opts.string("work-dir", ".flead")).toAbsolutePath());
        Properties credentials = new Properties();
        String password = !opts.has("jdbc-url") && Files.isRegularFile(embeddedPassword)
            ? SecretFile.read(embeddedPassword) : DbPassword.fromFileOrEnvironment(opts, env);
        if (password != null) {
            credentials.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(url, credentials)) {
            report(c, limit, out);
            if (StatusQueries.tableExists(c, "global_models")) {
                rejectionsAfterLatest(c, bootstrap, out);
            }
            return 0;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState()) || password == null
                    && "08004".equals(e.getSQLState())) {
                err.println("flead status: " + JdbcUrls.masked(url) + " refused the password (flead up's is in "
                    + embeddedPassword + "; for --jdbc-url pass --" + DbPassword.FILE_OPTION + " FILE or set "
                    + DbPassword.ENV + ")");
                return 1;
            }
            if ("08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState())) {
                err.println("flead status: cannot connect to " + JdbcUrls.masked(url)
                    + " (is `flead up` running? or pass --jdbc-url)");
                return 1;
            }
            throw e;
        }
    }

    static void report(Connection c, int limit, PrintStream out) throws SQLException {
        out.println("tables:");
        for (List<Object> r : StatusQueries.rows(c, StatusQueries.TABLE_ROWS)) {
            out.printf(Locale.ROOT, "  %-14s ~%,d rows%n", r.get(0), ((Number) r.get(1)).longValue());
        }
        if (StatusQueries.tableExists(c, "global_models")) {
            List<Object> rounds = StatusQueries.rows(c, StatusQueries.ROUNDS).get(0);
            out.printf(Locale.ROOT, "global models: %d, latest version %d%n", rounds.get(0), rounds.get(1));
            out.println("  version  accepted  max staleness  rejected by reason  /  the version evaluation it carries");
            for (List<Object> r : StatusQueries.rows(c, StatusQueries.VERSIONS, limit)) {
                out.println(versionLine(num(r.get(0)), num(r.get(1)), (String) r.get(2), (String) r.get(3),
                    (String) r.get(4)));
            }
        }
        if (StatusQueries.tableExists(c, "anomalies")) {
            out.println("anomalies per device (top " + limit + "):");
            for (List<Object> r : StatusQueries.rows(c, StatusQueries.ANOMALIES_PER_DEVICE, limit)) {
                out.printf(Locale.ROOT, "  %-16s %,d%n", r.get(0), num(r.get(1)));
            }
        }
        if (StatusQueries.tableExists(c, "drift_alerts")) {
            out.println("latest drift alerts:");
            for (List<Object> r : StatusQueries.rows(c, StatusQueries.DRIFT_ALERTS, limit)) {
                out.printf(Locale.ROOT, "  %-16s %-22s %-13s %-5s %.4f (threshold %.4f)%n", r.get(0), r.get(1),
                    r.get(2), r.get(3), dbl(r.get(4)), dbl(r.get(5)));
            }
        }
    }

    /**
     * One version's line from its JSON columns: {@code rejectedJson} a reason-to-count object or null,
     * {@code evaluationJson} a {@link VersionEvaluation} or null (shown as "evaluation none", never as 0).
     */
    static String versionLine(long version, long accepted, String rejectedJson, String maxStaleness,
                              String evaluationJson) {
        VersionEvaluation evaluation = evaluationJson == null ? null
            : JsonCodec.decode(evaluationJson, VersionEvaluation.class);
        return String.format(Locale.ROOT, "  %7d  %8d  %13s  %s  /  %s", version, accepted,
            maxStaleness == null ? "-" : maxStaleness, ProgressView.reasons(counts(rejectedJson)),
            ProgressView.evaluation(evaluation));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Long> counts(String json) {
        Map<String, Long> counts = new TreeMap<>();
        if (json != null) {
            JsonCodec.decode(json, Map.class).forEach((k, v) -> counts.put((String) k, ((Number) v).longValue()));
        }
        return counts;
    }

    private static void rejectionsAfterLatest(Connection c, String bootstrap, PrintStream out) throws SQLException {
        List<List<Object>> latest = StatusQueries.rows(c, StatusQueries.LATEST_TS);
        long since = latest.isEmpty() ? Long.MIN_VALUE : num(latest.get(0).get(0));
        List<UpdateAck> acks;
        try {
            acks = UpdateAcks.readSince(bootstrap, since, KAFKA_TIMEOUT);
        } catch (RuntimeException e) {
            out.println("rejections after the latest version: unknown (cannot read fedavg-consumed from " + bootstrap
                + ": " + e.getMessage() + "; pass --bootstrap-server)");
            return;
        }
        out.println("rejections after the latest version (fedavg-consumed): " + ProgressView.reasons(RejectionTally.after(acks, since)));
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static double dbl(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }
}
