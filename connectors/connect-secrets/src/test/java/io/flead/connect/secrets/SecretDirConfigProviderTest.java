package io.flead.connect.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretDirConfigProviderTest {
    @TempDir
    Path root;

    private Path secrets;
    private final SecretDirConfigProvider provider = new SecretDirConfigProvider();

    @BeforeEach
    void secretsDirectory() throws Exception {
        secrets = Files.createDirectory(root.resolve("secrets"));
        Files.writeString(secrets.resolve("db-password"), "s3cret\n");
        Files.writeString(secrets.resolve("api.token"), "t0ken");
        Files.writeString(root.resolve("outside"), "not a secret of this directory");
        Files.createDirectory(secrets.resolve("sub"));
        Files.writeString(secrets.resolve("sub").resolve("nested"), "nested");
        provider.configure(Map.of("dir", secrets.toString()));
    }

    @Test
    void servesNamedSecretsFromItsDirectoryWithoutTheTrailingLineBreak() {
        assertThat(provider.get("", Set.of("db-password", "api.token")).data())
            .isEqualTo(Map.of("db-password", "s3cret", "api.token", "t0ken"));
        assertThat(provider.get("", Set.of("absent")).data()).isEmpty();
    }

    @Test
    void servesNothingOutsideItsDirectoryNorAnyPath() {
        assertThat(provider.get("", Set.of("../outside", "..", ".", "sub/nested", "sub", "/etc/passwd", ".hidden", ""))
            .data()).isEmpty();
        assertThat(provider.get(root.toString(), Set.of("outside")).data()).isEmpty();
        assertThat(provider.get("sub", Set.of("nested")).data()).isEmpty();
        assertThat(provider.get("").data()).as("no listing of every secret").isEmpty();
    }

    @Test
    void namesArePlainFileNames() {
        assertThat(SecretDirConfigProvider.isName("db-password")).isTrue();
        assertThat(SecretDirConfigProvider.isName("FLEAD_DB_PASSWORD")).isTrue();
        assertThat(SecretDirConfigProvider.isName("a..b")).isFalse();
        assertThat(SecretDirConfigProvider.isName("-rf")).isFalse();
        assertThat(SecretDirConfigProvider.isName("a/b")).isFalse();
        assertThat(SecretDirConfigProvider.isName("a\\b")).isFalse();
    }

    @Test
    void theDirectoryIsRequiredAndAbsolute() {
        assertThatThrownBy(() -> new SecretDirConfigProvider().configure(Map.of())).isInstanceOf(ConfigException.class)
            .hasMessageContaining("dir");
        assertThatThrownBy(() -> new SecretDirConfigProvider().configure(Map.of("dir", "secrets")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("absolute");
    }
}
