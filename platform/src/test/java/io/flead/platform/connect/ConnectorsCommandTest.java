package io.flead.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.ConnectRestLogin;
import io.flead.embedded.SecretFile;
import io.flead.platform.CliArgs;
import io.flead.platform.up.Platform;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Connect REST login {@code flead connectors} signs in with. */
class ConnectorsCommandTest {
    private static final Set<String> OPTIONS = Set.of("connect-url", "dir", "work-dir", "connect-user",
        "connect-password-file");

    @TempDir
    Path work;

    @Test
    void signsInWithFleadUpsLoginOfTheWorkDirWhenItHasOne() {
        assertThat(ConnectorsCommand.login(args("status", "--work-dir", work.toString()))).as("no flead up there").isNull();
        SecretFile.write(Platform.secretsDir(work).resolve(Platform.CONNECT_REST_PASSWORD_SECRET), "up-password");
        ConnectRestLogin login = ConnectorsCommand.login(args("status", "--work-dir", work.toString()));
        assertThat(login.user()).isEqualTo(Platform.CONNECT_REST_USER);
        assertThat(login.password()).isEqualTo("up-password");
    }

    @Test
    void anotherWorkersLoginComesFromItsPasswordFile() {
        Path file = work.resolve("compose-connect-password");
        SecretFile.write(file, "compose-password");
        ConnectRestLogin login = ConnectorsCommand.login(args("apply", "--connect-user", "flead-admin",
            "--connect-password-file", file.toString(), "--work-dir", work.toString()));
        assertThat(login.user()).isEqualTo("flead-admin");
        assertThat(login.password()).isEqualTo("compose-password");
    }

    private static CliArgs args(String... args) {
        return new CliArgs(java.util.Arrays.copyOfRange(args, 1, args.length), OPTIONS, Set.of());
    }
}
