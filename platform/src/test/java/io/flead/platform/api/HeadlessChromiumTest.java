package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser test's skip message names each missing package. */
class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void namesEveryMissingPackageAndHowToInstallIt() throws Exception {
        Path chromium = Files.createFile(dir.resolve("chromium"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path driver = dir.resolve("chromedriver");
        Map<Path, String> packages = new LinkedHashMap<>();
        packages.put(chromium, "chromium");
        packages.put(driver, "chromium-driver");
        assertThat(HeadlessChromium.missing(packages)).isEqualTo("Browser test skipped: " + driver + " missing; "
            + "install Debian's chromium-driver (sudo apt-get install chromium-driver, as .ci/run does) to run it");
        Files.delete(chromium);
        assertThat(HeadlessChromium.missing(packages)).contains(chromium + " and " + driver + " missing")
            .contains("sudo apt-get install chromium chromium-driver");
    }

    @Test
    void nothingIsMissingWhenBothAreExecutable() throws Exception {
        Map<Path, String> packages = new LinkedHashMap<>();
        for (String name : new String[] {"chromium", "chromedriver"}) {
            packages.put(Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))), name);
        }
        assertThat(HeadlessChromium.missing(packages)).isNull();
    }
}
