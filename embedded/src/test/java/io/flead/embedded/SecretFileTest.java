package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path dir;

    @Test
    void aNewSecretIsRandomAndOnlyItsOwnerMayReadIt() throws Exception {
        Path file = dir.resolve("secrets").resolve("db-password");
        String secret = SecretFile.readOrCreate(file);
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Files.readString(file)).isEqualTo(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(SecretFile.readOrCreate(file)).as("kept, not generated again").isEqualTo(secret);
        Set<String> generated = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            generated.add(SecretFile.generate());
        }
        assertThat(generated).hasSize(100);
    }

    @Test
    void writeReplacesTheWholeFileAndKeepsItPrivate() throws Exception {
        Path file = dir.resolve("db-password");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SecretFile.write(file, "new secret");
        assertThat(SecretFile.read(file)).isEqualTo("new secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aTrailingLineBreakIsNotPartOfTheSecret() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret\n");
        assertThat(SecretFile.read(file)).isEqualTo("s3cret");
        Files.writeString(file, "s3cret\r\n");
        assertThat(SecretFile.read(file)).isEqualTo("s3cret");
        Files.writeString(file, " spaces kept \n\n");
        assertThat(SecretFile.read(file)).isEqualTo(" spaces kept \n");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> SecretFile.read(file)).hasMessageContaining(file.toString()).hasMessageContaining("empty");
    }
}
