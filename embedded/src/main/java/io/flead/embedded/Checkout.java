package io.flead.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the FLEAD checkout is: the directory holding {@code connect-configs/} and the connector modules. */
public final class Checkout {
    private Checkout() {
    }

    /** {@code FLEAD_HOME} when set, else the nearest directory upwards from the working directory with connect-configs/. */
    public static Path root() {
        String home = System.getenv("FLEAD_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("connect-configs")) && Files.isDirectory(dir.resolve("connectors"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the FLEAD checkout (a directory with connect-configs/ and "
            + "connectors/) above " + Path.of("").toAbsolutePath() + "; run flead from the checkout or set FLEAD_HOME");
    }
}
