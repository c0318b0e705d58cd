package io.flead.platform.analytics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Compose's one-shot {@code minute-aggregates} job: makes each {@link MinuteAggregates} relation once the sink has
 * created the tables it reads and exits 0 when all are made (1 when {@code FLEAD_AGGREGATES_WAIT_SECONDS}, default
 * 3600, pass first: the relations made by then stay, and running the job again makes the rest). It
 * connects with {@code FLEAD_JDBC_URL}, {@code FLEAD_DB_USER} and {@code FLEAD_DB_PASSWORD}: as the sink's user, so
 * the aggregates belong to the owner of the tables they read and the reader role's default privileges cover them.
 */
public final class MinuteAggregatesMain {
    private MinuteAggregatesMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        String url = env.get("FLEAD_JDBC_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("FLEAD_JDBC_URL is not set");
        }
        long waitSeconds = waitSeconds(env.getOrDefault("FLEAD_AGGREGATES_WAIT_SECONDS", "3600"));
        Properties credentials = new Properties();
        if (env.get("FLEAD_DB_USER") != null) {
            credentials.setProperty("user", env.get("FLEAD_DB_USER"));
        }
        if (env.get("FLEAD_DB_PASSWORD") != null && !env.get("FLEAD_DB_PASSWORD").isEmpty()) {
            credentials.setProperty("password", env.get("FLEAD_DB_PASSWORD"));
        }
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        String last = null;
        String printed = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url, credentials)) {
                MinuteAggregates.Result r = MinuteAggregates.create(c);
                if (r.complete()) {
                    System.out.println("minute aggregates made as " + r.kind() + ": " + r.made());
                    return;
                }
                last = "made " + r.made() + "; " + r.waiting() + " wait for the sink's tables";
            } catch (SQLException e) {
                last = "database not ready: " + e.getMessage();
            }
            if (!last.equals(printed)) {
                System.out.println(last);
                printed = last;
            }
            Thread.sleep(5000);
        }
        System.err.println("minute aggregates not created after " + waitSeconds + " s: " + last);
        System.exit(1);
    }

    static long waitSeconds(String text) {
        try {
            long s = Long.parseLong(text.strip());
            if (s > 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // the message below names the value
        }
        throw new IllegalArgumentException("Invalid value '" + text + "' for FLEAD_AGGREGATES_WAIT_SECONDS: must be a "
            + "positive number of seconds");
    }
}
