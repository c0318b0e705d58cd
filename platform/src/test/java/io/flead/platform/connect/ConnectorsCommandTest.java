package io.flead.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.ConnectRestLogin;
import io.flead.embedded.SecretFile;
import io.flead.platform.up.Platform;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Which Connect REST login {@code flead connectors} signs in with. */
class ConnectorsCommandTest {
    @TempDir
    Path work;

    @Test
    void signsInWithFleadUpsLoginOfTheWorkDirWhenItHasOne() {
        assertThat(login(args("status", "--work-dir", work.toString()))).as("no flead up there").isNull();
        SecretFile.write(Platform.secretsDir(work).resolve(Platform.CONNECT_REST_PASSWORD_SECRET), "up-password");
        ConnectRestLogin login = login(args("status", "--work-dir", work.toString()));
        assertThat(login.user()).isEqualTo(Platform.CONNECT_REST_USER);
        assertThat(login.password()).isEqualTo("up-password");
    }

    @Test
    void anotherWorkersLoginComesFromItsPasswordFile() {
        Path file = work.resolve("compose-connect-password");
        SecretFile.write(file, "compose-password");
        ConnectRestLogin login = login(args("apply", "--connect-user", "flead-admin",
            "--connect-password-file", file.toString(), "--work-dir", work.toString()));
        assertThat(login.user()).isEqualTo("flead-admin");
        assertThat(login.password()).isEqualTo("compose-password");
    }

    /** The action's arguments parsed as {@code flead connectors ACTION …} parses them. */
    private static ConnectorsCommand.Target args(String... args) {
        ConnectorsCommand.Target target = new ConnectorsCommand.Target();
        new CommandLine(target).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
        return target;
    }

    private static ConnectRestLogin login(ConnectorsCommand.Target target) {
        return target.login();
    }
}
