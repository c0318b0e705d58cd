package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.platform.api.ApiToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenFileTest {
    @TempDir
    Path work;

    @Test
    void theFirstStartWritesAnOwnerOnlyTokenThatLaterStartsReuse() throws Exception {
        Path dir = work.resolve("fresh");
        ApiToken first = ApiTokenFile.readOrCreate(dir, new SecureRandom());
        Path file = dir.resolve(ApiTokenFile.NAME);
        assertThat(Files.readString(file).strip()).isEqualTo(first.reveal());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ApiTokenFile.readOrCreate(dir, new SecureRandom()).reveal()).isEqualTo(first.reveal());
    }

    @Test
    void deletingTheFileRotatesTheToken() throws Exception {
        ApiToken first = ApiTokenFile.readOrCreate(work, new SecureRandom());
        Files.delete(work.resolve(ApiTokenFile.NAME));
        ApiToken second = ApiTokenFile.readOrCreate(work, new SecureRandom());
        assertThat(second.reveal()).isNotEqualTo(first.reveal());
        assertThat(second.admits("Bearer " + first.reveal())).isFalse();
    }

    @Test
    void aTokenFileReadableByOthersIsMadeOwnerOnlyAndABrokenOneIsRefused() throws Exception {
        Path file = work.resolve(ApiTokenFile.NAME);
        Files.writeString(file, "k".repeat(48) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ApiTokenFile.readOrCreate(work, new SecureRandom()).reveal()).isEqualTo("k".repeat(48));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.writeString(file, "too short");
        assertThatThrownBy(() -> ApiTokenFile.readOrCreate(work, new SecureRandom()))
            .hasMessageContaining(file.toString()).hasMessageContaining("delete it");
    }
}
