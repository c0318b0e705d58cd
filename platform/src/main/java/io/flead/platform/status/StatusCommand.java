package io.flead.platform.status;

import io.flead.platform.CliArgs;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code flead status [--jdbc-url URL]}: a summary of what the pipeline has landed in the database. */
public final class StatusCommand {
    static final String DEFAULT_URL = "jdbc:postgresql://localhost:15432/postgres?user=postgres";

    private StatusCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws SQLException {
        CliArgs opts = new CliArgs(args, Set.of("jdbc-url", "limit"), Set.of());
        String url = opts.string("jdbc-url", DEFAULT_URL);
        int limit = (int) opts.longValue("limit", 10, 1, 1000);
        try (Connection c = DriverManager.getConnection(url)) {
            report(c, limit, out);
            return 0;
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState())) {
                err.println("flead status: cannot connect to " + url.replaceAll("password=[^&]*", "password=***")
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
            out.println("  version  participants  precision  recall  F1");
            for (List<Object> r : StatusQueries.rows(c, StatusQueries.F1_TREND, limit)) {
                out.printf(Locale.ROOT, "  %7d  %12d  %9.3f  %6.3f  %.3f%n", num(r.get(0)), num(r.get(1)),
                    dbl(r.get(2)), dbl(r.get(3)), dbl(r.get(4)));
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

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static double dbl(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }
}
