package io.flead.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A data directory's {@code pg_hba.conf}: who may connect, and how they prove it. */
final class PgHba {
    static final String FILE = "pg_hba.conf";

    private PgHba() {
    }

    /** Whether an existing {@code pg_hba.conf} in {@code dataDir} lets some connection in without a password. */
    static boolean trustsAnyone(Path dataDir) throws IOException {
        Path hba = dataDir.resolve(FILE);
        if (!Files.isRegularFile(hba)) {
            return false;
        }
        return Files.readAllLines(hba, StandardCharsets.UTF_8).stream().anyMatch(PgHba::trusts);
    }

    /** Whether one line of {@code pg_hba.conf} is a rule with the {@code trust} method. */
    static boolean trusts(String line) {
        String rule = line.replaceFirst("#.*", "").trim();
        return !rule.isEmpty() && List.of(rule.split("\\s+")).contains("trust");
    }

    /** The rules of a server whose every connection, local socket or TCP on the loopback, needs a password. */
    static String passwordOnly(String method) {
        return "# Written by FLEAD: every connection needs the password (" + method + ").\n"
                + "# TYPE  DATABASE     USER  ADDRESS       METHOD\n"
                + "local   all          all                 " + method + "\n"
                + "host    all          all   127.0.0.1/32  " + method + "\n"
                + "host    all          all   ::1/128       " + method + "\n"
                + "local   replication  all                 " + method + "\n"
                + "host    replication  all   127.0.0.1/32  " + method + "\n"
                + "host    replication  all   ::1/128       " + method + "\n";
    }

    static void writePasswordOnly(Path dataDir, String method) throws IOException {
        Files.writeString(dataDir.resolve(FILE), passwordOnly(method), StandardCharsets.UTF_8);
    }
}
