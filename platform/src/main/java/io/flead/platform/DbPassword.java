package io.flead.platform;

import io.flead.embedded.SecretFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command takes a database password from: a file ({@code --db-password-file FILE}) or the environment
 * ({@code FLEAD_DB_PASSWORD}), never the command line, where every local user reads it in {@code ps} and it stays in
 * the shell's history.
 */
public final class DbPassword {
    /** The option naming a file whose whole content (a trailing line break dropped) is the password. */
    public static final String FILE_OPTION = "db-password-file";
    /** The environment variable holding the password. */
    public static final String ENV = "FLEAD_DB_PASSWORD";
    static final String REFUSED_OPTION = "db-password";

    private DbPassword() {
    }

    /**
     * Refuses {@code --db-password} among {@code args}, saying why and what to use instead; the message never repeats
     * the arguments, which hold the password.
     */
    public static void refuseOnCommandLine(String[] args) {
        for (String arg : args) {
            if (arg.equals("--" + REFUSED_OPTION) || arg.startsWith("--" + REFUSED_OPTION + "=")) {
                throw new IllegalArgumentException("--" + REFUSED_OPTION + " is not accepted: a password on the command "
                    + "line is visible to every local user (ps, /proc/<pid>/cmdline) and kept in the shell's history. "
                    + "Put it in a file only you can read (chmod 600) and pass --" + FILE_OPTION + " FILE, or set "
                    + ENV + " in the environment.");
            }
        }
    }

    /** The password of {@code --db-password-file} (the file's path or null), else {@code FLEAD_DB_PASSWORD}, else null. */
    public static String fromFileOrEnvironment(Path file, Map<String, String> env) {
        if (file != null) {
            Path path = file;
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("Invalid value '" + file + "' for --" + FILE_OPTION
                    + ": not a readable file");
            }
            return SecretFile.read(path);
        }
        return env.get(ENV);
    }
}
