package io.flead.embedded;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;

/**
 * The JAAS realm {@code KafkaConnect} that Kafka's {@code BasicAuthSecurityRestExtension} asks for HTTP Basic
 * credentials, served to the workers of this JVM without a JAAS file.
 *
 * <p>JAAS configuration is global to the JVM, and the extension captures it once, when its class is first loaded (at
 * the first worker's plugin scan). So {@link #install} puts this configuration in place before any worker starts, and
 * it answers every other name (a broker's {@code KafkaServer}, a client's {@code KafkaClient}) exactly as the
 * configuration it replaced did. The embedded broker's listeners are PLAINTEXT and its clients set no SASL, so they
 * never ask; a broker or client in the same JVM given a JAAS file keeps its entries. The realm accepts the login of
 * the latest worker started with one: one {@code flead up} (or chaos engine process) runs one worker.
 */
final class ConnectRestRealm extends Configuration {
    /** The realm name fixed by Kafka's {@code JaasBasicAuthFilter}. */
    static final String NAME = "KafkaConnect";

    private static ConnectRestRealm installed;

    private final Configuration previous;
    private volatile ConnectRestLogin login;

    ConnectRestRealm(Configuration previous) {
        this.previous = previous;
    }

    /** Makes this JVM's JAAS configuration a realm (once), and lets it accept {@code login} when that is not null. */
    static synchronized void install(ConnectRestLogin login) {
        if (installed == null) {
            installed = new ConnectRestRealm(currentConfiguration());
            Configuration.setConfiguration(installed);
        }
        if (login != null) {
            installed.accept(login);
        }
    }

    void accept(ConnectRestLogin newLogin) {
        this.login = newLogin;
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (NAME.equals(name)) {
            ConnectRestLogin current = login;
            if (current != null) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(PasswordFileLoginModule.class.getName(),
                    LoginModuleControlFlag.REQUIRED, Map.of(PasswordFileLoginModule.USER, current.user(),
                        PasswordFileLoginModule.PASSWORD_FILE, current.passwordFile().toString()))};
            }
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }

    @Override
    public void refresh() {
        if (previous != null) {
            previous.refresh();
        }
    }

    /** The JVM's JAAS configuration so far; none when no JAAS file is set (the JDK may refuse to make one). */
    private static Configuration currentConfiguration() {
        try {
            return Configuration.getConfiguration();
        } catch (SecurityException e) {
            return null;
        }
    }
}
