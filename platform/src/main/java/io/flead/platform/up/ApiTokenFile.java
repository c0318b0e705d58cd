package io.flead.platform.up;

import io.flead.platform.api.ApiToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The API token of a work dir ({@code <work dir>/api-token}, readable by its owner only): created on the first
 * {@code flead up}, reused by the next ones; deleting the file and restarting gives a new token.
 */
public final class ApiTokenFile {
    public static final String NAME = "api-token";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ApiTokenFile() {
    }

    /** The work dir's token, created with a new random value when the file is absent. */
    public static ApiToken readOrCreate(Path workDir, SecureRandom random) {
        Path file = workDir.resolve(NAME);
        try {
            Files.createDirectories(workDir);
            if (!Files.exists(file)) {
                try {
                    return create(file, ApiToken.generate(random));
                } catch (FileAlreadyExistsException raced) {
                    // another flead up on this work dir wrote it first: use its token
                }
            }
            restrictToOwner(file);
            return ApiToken.parse(Files.readString(file, StandardCharsets.US_ASCII), file + " (delete it to get a new one)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the API token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ApiToken create(Path file, ApiToken token) throws IOException {
        if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, token.reveal() + "\n", StandardCharsets.US_ASCII);
        return token;
    }

    /** A file copied or created by hand may be readable by others: it is a password, so it is made owner-only. */
    private static void restrictToOwner(Path file) throws IOException {
        if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
