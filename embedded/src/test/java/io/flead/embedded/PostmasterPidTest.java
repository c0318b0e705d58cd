package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PostmasterPidTest {

    private static final Path FILE = Path.of("/data/pg/postmaster.pid");

    @Test
    void readsPidDataDirectoryAndPortFromTheFirstFourLines() {
        PostmasterPid pid = PostmasterPid.parse(FILE,
                List.of("8423", "/data/pg", "1795360569", "39009", "/tmp", "localhost", "  2146859         4", "ready   "));

        assertThat(pid).isEqualTo(new PostmasterPid(8423, Path.of("/data/pg"), 39009));
    }

    @Test
    void aBadPortNamesFileLineAndValue() {
        assertThatThrownBy(() -> PostmasterPid.parse(FILE, List.of("8423", "/data/pg", "1795360569", "54x2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/pg/postmaster.pid:4")
                .hasMessageContaining("'54x2'");
    }

    @Test
    void aTruncatedFileIsRefused() {
        assertThatThrownBy(() -> PostmasterPid.parse(FILE, List.of("8423", "/data/pg")))
                .hasMessageContaining("expected at least 4 lines, found 2");
    }

    @Test
    void aMissingFileMeansNoPostmaster(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(PostmasterPid.read(dir)).isEmpty();
    }

    @Test
    void aLiveProcessThatIsNotPostgresIsNotTakenForAnOrphan(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(OrphanPostmaster.servesDataDir(ProcessHandle.current().pid(), dir)).isFalse();
    }
}
