package io.flead.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A secret kept in a file of its own that only its owner may read (mode 0600, in a directory of mode 0700): the
 * whole file is the secret, as Kafka's {@code DirectoryConfigProvider} and Docker's secrets read it.
 */
public final class SecretFile {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private SecretFile() {
    }

    /** The secret in {@code file}; a new random one is generated and written first when the file does not exist. */
    public static String readOrCreate(Path file) {
        if (!Files.exists(file)) {
            try {
                create(file, generate());
            } catch (FileAlreadyExistsException e) {
                // written by another process meanwhile: read theirs
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a new secret to " + file + ": " + e.getMessage(), e);
            }
        }
        return read(file);
    }

    /** The secret in {@code file}: its content without a trailing line break (files written by {@code echo} have one). */
    public static String read(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String secret = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (secret.isEmpty()) {
                throw new IllegalStateException("Secret file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code secret} to {@code file} (mode 0600), replacing it whole: a reader never sees half a secret. */
    public static void write(Path file, String secret) {
        Path dir = ownerOnlyDirectory(file.toAbsolutePath().getParent());
        try {
            Path partial = Files.createTempFile(dir, "." + file.getFileName(), ".partial",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                Files.writeString(partial, secret, StandardCharsets.UTF_8);
                moveInto(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** 32 random bytes from {@link SecureRandom}, base64url without padding (43 characters, safe in any config). */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void create(Path file, String secret) throws IOException {
        ownerOnlyDirectory(file.toAbsolutePath().getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(file, secret, StandardCharsets.UTF_8);
    }

    private static void moveInto(Path partial, Path file) throws IOException {
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Creates {@code dir} (mode 0700) when absent; an existing directory keeps its mode. */
    private static Path ownerOnlyDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            }
            return dir;
        } catch (FileAlreadyExistsException e) {
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create secrets directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
