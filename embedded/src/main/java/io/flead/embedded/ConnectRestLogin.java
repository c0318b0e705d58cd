package io.flead.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The one user of a Connect worker's REST API behind HTTP Basic authentication: a name, and the file (mode 0600) that
 * holds its password, read whenever it is needed so that the password itself is held by no settings object or log.
 */
public record ConnectRestLogin(String user, Path passwordFile) {

    public ConnectRestLogin {
        if (user == null || user.isBlank() || user.contains(":")) {
            throw new IllegalArgumentException("Invalid Connect REST user '" + user + "': must be non-blank, without ':'");
        }
        Objects.requireNonNull(passwordFile, "passwordFile");
        passwordFile = passwordFile.toAbsolutePath().normalize();
    }

    /** The password kept in {@link #passwordFile()}. */
    public String password() {
        return SecretFile.read(passwordFile);
    }
}
