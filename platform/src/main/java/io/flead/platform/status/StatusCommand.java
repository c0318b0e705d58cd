package io.flead.platform.status;

import io.flead.embedded.SecretFile;
import io.flead.model.JsonCodec;
import io.flead.model.UpdateAck;
import io.flead.model.VersionEvaluation;
import io.flead.platform.DbPassword;
import io.flead.platform.up.JdbcUrls;
import io.flead.platform.up.Platform;
import io.flead.platform.up.ProgressView;
import io.flead.platform.up.RejectionTally;
import java.io.PrintWriter;
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
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flead status [--jdbc-url URL [--db-password-file FILE]] [--work-dir DIR] [--bootstrap-server HOST:PORT]}: a
 * summary of what the pipeline has landed in the database, and the rejections fedavg reported on
 * {@code fedavg-consumed} after the latest version. Without {@code --jdbc-url} it reads {@code flead up}'s embedded
 * PostgreSQL with the password kept in the work directory; otherwise the password comes from the file or
 * {@code FLEAD_DB_PASSWORD}.
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Per global version (newest first): updates accepted, the largest staleness accepted, rejections by "
        + "reason and the evaluation it carries; anomalies per device; the latest drift alerts; the rejections after "
        + "the latest version.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "1:the database could not be reached or refused the password",
        "2:the command line was refused"})
public final class StatusCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "jdbc:postgresql://localhost:15432/postgres?user=postgres";
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = DEFAULT_URL,
        description = "the database to read, by default flead up's embedded PostgreSQL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--" + DbPassword.FILE_OPTION, paramLabel = "FILE",
        description = "file holding the password of --jdbc-url (else " + DbPassword.ENV + "); without --jdbc-url, "
            + "flead up's generated password of --work-dir")
    Path passwordFile;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".flead",
        description = "flead up's work dir, whose embedded database password is used (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", defaultValue = DEFAULT_BOOTSTRAP,
        description = "Kafka, for the rejections on fedavg-consumed after the latest version (default: ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
        description = "versions, devices and drift alerts listed, 1-1000 (default: ${DEFAULT-VALUE})")
    long limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        return run(System.getenv(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    int run(Map<String, String> env, PrintWriter out, PrintWriter err) throws SQLException {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("Invalid value '" + limit + "' for --limit: must be between 1 and 1000");
        }
        boolean explicitUrl = spec.commandLine().getParseResult().hasMatchedOption("--jdbc-url");
        Path embeddedPassword = Platform.embeddedPasswordFile(workDir.toAbsolutePath());
        Properties credentials = new Properties();
        String password = !explicitUrl && Files.isRegularFile(embeddedPassword)
            ? SecretFile.read(embeddedPassword) : DbPassword.fromFileOrEnvironment(passwordFile, env);
        if (password != null) {
            credentials.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(url, credentials)) {
            report(c, (int) limit, out);
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

    static void report(Connection c, int limit, PrintWriter out) throws SQLException {
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

    private static void rejectionsAfterLatest(Connection c, String bootstrap, PrintWriter out) throws SQLException {
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
