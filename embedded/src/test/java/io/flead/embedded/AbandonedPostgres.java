package io.flead.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** Run in a child JVM by {@link EmbeddedPostgresIT}: starts PostgreSQL, writes a row, then waits to be SIGKILLed. */
public final class AbandonedPostgres {

    private AbandonedPostgres() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[0]), 0);
        try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS readings (device_id text, seq int)");
            sql.execute("INSERT INTO readings VALUES ('orphan-writer', 1)");
        }
        System.out.println("READY " + postgres.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
