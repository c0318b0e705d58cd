package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JAAS realm of an embedded worker's REST API, asked as Kafka's JaasBasicAuthFilter asks it. */
class ConnectRestRealmTest {
    @TempDir
    Path dir;

    /** A JAAS file's configuration, as a broker with SASL listeners or a SASL client in the same JVM would have. */
    private static final Configuration BROKERS = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return "KafkaServer".equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                "org.apache.kafka.common.security.scram.ScramLoginModule", LoginModuleControlFlag.REQUIRED, Map.of())}
                : null;
        }
    };

    @Test
    void acceptsExactlyTheUserAndThePasswordOfItsFile() throws Exception {
        Path file = dir.resolve("secrets").resolve("connect-rest-password");
        SecretFile.write(file, "first-password");
        ConnectRestRealm realm = new ConnectRestRealm(BROKERS);
        realm.accept(new ConnectRestLogin("flead", file));

        login(realm, "flead", "first-password");
        assertThatThrownBy(() -> login(realm, "flead", "first-passwor")).isInstanceOf(FailedLoginException.class);
        assertThatThrownBy(() -> login(realm, "flead", "first-password2")).isInstanceOf(FailedLoginException.class);
        assertThatThrownBy(() -> login(realm, "admin", "first-password")).isInstanceOf(FailedLoginException.class);
        assertThatThrownBy(() -> login(realm, "flead", null)).isInstanceOf(FailedLoginException.class);
        // read at each login: a rotated password is the only one accepted, a removed file lets no one in
        SecretFile.write(file, "rotated");
        assertThatThrownBy(() -> login(realm, "flead", "first-password")).isInstanceOf(FailedLoginException.class);
        login(realm, "flead", "rotated");
        Files.writeString(file, "", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> login(realm, "flead", "")).isInstanceOf(LoginException.class);
        Files.delete(file);
        assertThatThrownBy(() -> login(realm, "flead", "rotated")).isInstanceOf(LoginException.class)
            .hasMessageContaining(file.toString());
    }

    @Test
    void answersEveryOtherNameAsTheConfigurationItReplaced() {
        ConnectRestRealm realm = new ConnectRestRealm(BROKERS);
        assertThat(realm.getAppConfigurationEntry(ConnectRestRealm.NAME)).as("no login yet: nobody gets in").isNull();
        realm.accept(new ConnectRestLogin("flead", dir.resolve("pw")));
        AppConfigurationEntry[] connect = realm.getAppConfigurationEntry(ConnectRestRealm.NAME);
        assertThat(connect).singleElement().satisfies(e -> {
            assertThat(e.getLoginModuleName()).isEqualTo(PasswordFileLoginModule.class.getName());
            assertThat(Map.copyOf(e.getOptions())).isEqualTo(Map.of("user", "flead",
                "password.file", dir.resolve("pw").toAbsolutePath().toString()));
        });
        assertThat(realm.getAppConfigurationEntry("KafkaServer")).singleElement()
            .satisfies(e -> assertThat(e.getLoginModuleName()).endsWith("ScramLoginModule"));
        assertThat(realm.getAppConfigurationEntry("KafkaClient")).isNull();
        assertThat(new ConnectRestRealm(null).getAppConfigurationEntry("KafkaServer")).isNull();
    }

    @Test
    void aLoginIsNamedAndItsPasswordNeverShown() {
        assertThatThrownBy(() -> new ConnectRestLogin("fle:ad", dir)).hasMessageContaining("'fle:ad'");
        assertThatThrownBy(() -> new ConnectRestLogin(" ", dir)).hasMessageContaining("Connect REST user");
        Path file = dir.resolve("pw");
        SecretFile.write(file, "the-password");
        ConnectRestLogin login = new ConnectRestLogin("flead", file);
        assertThat(login.password()).isEqualTo("the-password");
        assertThat(login.toString()).doesNotContain("the-password");
    }

    private static void login(Configuration realm, String user, String password) throws LoginException {
        LoginContext context = new LoginContext(ConnectRestRealm.NAME, null, callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback pw) {
                    pw.setPassword(password == null ? null : password.toCharArray());
                }
            }
        }, realm);
        context.login();
    }
}
