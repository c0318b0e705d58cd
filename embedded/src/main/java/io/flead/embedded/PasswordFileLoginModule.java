package io.flead.embedded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * JAAS login module of an embedded worker's REST realm: accepts exactly the user of option {@value #USER} with the
 * password kept in the file of option {@value #PASSWORD_FILE}, read at each login (so nothing is cached, and an empty or
 * missing file lets no one in). Kafka's own {@code PropertyFileLoginModule} needs the password in a second file, caches
 * it for the life of the JVM and lets everyone in when that file is empty.
 */
public final class PasswordFileLoginModule implements LoginModule {
    static final String USER = "user";
    static final String PASSWORD_FILE = "password.file";

    private CallbackHandler callbackHandler;
    private String user;
    private Path passwordFile;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.callbackHandler = callbackHandler;
        this.user = (String) options.get(USER);
        Object file = options.get(PASSWORD_FILE);
        this.passwordFile = file == null ? null : Path.of((String) file);
    }

    @Override
    public boolean login() throws LoginException {
        if (user == null || passwordFile == null) {
            throw new LoginException("Connect REST realm without options '" + USER + "' and '" + PASSWORD_FILE + "'");
        }
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbackHandler.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException("Cannot read the credentials of the request: " + e.getMessage());
        }
        char[] given = password.getPassword();
        String expected;
        try {
            expected = SecretFile.read(passwordFile);
        } catch (RuntimeException e) {
            throw new LoginException("Cannot read the Connect REST password file " + passwordFile + ": " + e.getMessage());
        }
        boolean userMatches = user.equals(name.getName());
        boolean passwordMatches = given != null && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), new String(given).getBytes(StandardCharsets.UTF_8));
        password.clearPassword();
        if (!userMatches || !passwordMatches) {
            throw new FailedLoginException("Wrong Connect REST user or password");
        }
        return true;
    }

    @Override
    public boolean commit() {
        return true;
    }

    @Override
    public boolean abort() {
        return true;
    }

    @Override
    public boolean logout() {
        return true;
    }
}
