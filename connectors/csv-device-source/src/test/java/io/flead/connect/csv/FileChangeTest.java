package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pure rule that tells a changed file from one that is unchanged or only grew. */
class FileChangeTest {

    private static final FileIdentity STORED = new FileIdentity(1_000, 120, 0xCAFEL);
    private static final FileOffset AT_LINE_9 = new FileOffset(9, 800, 0, 0, 0, STORED);

    private static FileFacts facts(long size, long storedHeadCrc, boolean lineStart) {
        return new FileFacts(new FileIdentity(size, 120, storedHeadCrc), storedHeadCrc, lineStart);
    }

    @Test
    void aFileThatDidNotChangeOrOnlyGrewHasNotChanged() {
        assertThat(FileChange.detect(AT_LINE_9, facts(1_000, 0xCAFEL, true))).isNull();
        assertThat(FileChange.detect(AT_LINE_9, facts(5_000, 0xCAFEL, true))).isNull();
    }

    @Test
    void nothingStoredIsNeverAChange() {
        assertThat(FileChange.detect(FileOffset.START, facts(0, FileFacts.NO_CRC, true))).isNull();
    }

    @Test
    void aFileShorterThanTheStoredPositionChanged() {
        assertThat(FileChange.detect(AT_LINE_9, facts(500, 0xCAFEL, true)))
                .isEqualTo("it is 500 bytes, shorter than the stored position 800 (line 9)");
    }

    @Test
    void aFileShorterThanWhenItWasOpenedChangedEvenPastThePosition() {
        assertThat(FileChange.detect(AT_LINE_9, facts(900, 0xCAFEL, true))).isEqualTo("it shrank from 1000 to 900 bytes");
    }

    @Test
    void aFileWithOtherFirstBytesChanged() {
        assertThat(FileChange.detect(AT_LINE_9, facts(2_000, 0xBEEFL, true)))
                .isEqualTo("its first 120 bytes (header and first row) differ: CRC32C 0000beef, stored 0000cafe");
    }

    @Test
    void aStoredPositionThatNoLongerStartsALineChanged() {
        assertThat(FileChange.detect(AT_LINE_9, facts(2_000, 0xCAFEL, false)))
                .isEqualTo("the stored position 800 (line 9) is not at the start of a line");
    }

    @Test
    void anOffsetWithoutIdentityIsCheckedAgainstItsPositionOnly() {
        FileOffset old = new FileOffset(9, 800, 0, 0, 0);
        assertThat(FileChange.detect(old, new FileFacts(new FileIdentity(900, 120, 1), FileFacts.NO_CRC, true))).isNull();
        assertThat(FileChange.detect(old, new FileFacts(new FileIdentity(700, 120, 1), FileFacts.NO_CRC, true)))
                .isEqualTo("it is 700 bytes, shorter than the stored position 800 (line 9)");
        assertThat(FileChange.detect(old, new FileFacts(new FileIdentity(900, 120, 1), FileFacts.NO_CRC, false)))
                .isEqualTo("the stored position 800 (line 9) is not at the start of a line");
    }
}
