package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimescaleDbTest {

    @Test
    void aMissingKitIsNamedWithHowToPointAtOne(@TempDir Path dir) {
        assertThat(TimescaleDb.unavailable(dir.resolve("nowhere"))).hasValue("no TimescaleDB kit: " + dir.resolve("nowhere")
                .resolve("start.sh") + " is missing (point -Dflead.timescaledb.dir or FLEAD_TIMESCALEDB_DIR at the "
                + "directory holding start.sh)");
    }

    @Test
    void theKitDirectoryIsTheSystemPropertyWhenSet(@TempDir Path dir) {
        String before = System.getProperty(TimescaleDb.DIR_PROPERTY);
        System.setProperty(TimescaleDb.DIR_PROPERTY, dir.toString());
        try {
            assertThat(TimescaleDb.kitDir()).isEqualTo(dir);
        } finally {
            if (before == null) {
                System.clearProperty(TimescaleDb.DIR_PROPERTY);
            } else {
                System.setProperty(TimescaleDb.DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void theDefaultKitDirectoryIsSharedBesideTheClone() {
        String before = System.getProperty(TimescaleDb.DIR_PROPERTY);
        System.clearProperty(TimescaleDb.DIR_PROPERTY);
        try {
            Path kit = TimescaleDb.kitDir();
            if (System.getenv(TimescaleDb.DIR_ENV) == null) {
                Path root = kit.getParent().getParent(); // <parent of the clone>/shared/timescaledb
                assertThat(kit).endsWithRaw(Path.of("shared", "timescaledb"));
                assertThat(Path.of(System.getProperty("user.dir")).toAbsolutePath()).startsWithRaw(root);
                try (var entries = Files.list(root)) {
                    assertThat(entries.anyMatch(p -> Files.exists(p.resolve(".git"))
                            && Path.of(System.getProperty("user.dir")).toAbsolutePath().startsWith(p))).isTrue();
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        } finally {
            if (before != null) {
                System.setProperty(TimescaleDb.DIR_PROPERTY, before);
            }
        }
    }
}
