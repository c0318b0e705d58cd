package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDirsTest {

    @TempDir
    Path repo;

    @Test
    void findsTheBuiltPluginDirectoryFromInsideAModule() throws Exception {
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path plugin = Files.createDirectories(repo.resolve("connectors/csv-device-source/target/plugin/csv-device-source"));
        Path moduleDir = Files.createDirectories(repo.resolve("embedded/src"));

        assertThat(PluginDirs.locate("csv-device-source", moduleDir)).isEqualTo(plugin.getParent());
    }

    @Test
    void anUnbuiltPluginSaysHowToBuildIt() throws Exception {
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.createDirectories(repo.resolve("connectors/timescale-sink/src"));

        assertThatThrownBy(() -> PluginDirs.locate("timescale-sink", repo))
                .hasMessageContaining("run mvn package -pl connectors/timescale-sink")
                .hasMessageContaining("timescale-sink/target/plugin/timescale-sink");
    }

    @Test
    void anUnknownModuleIsNamed() throws Exception {
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.createDirectories(repo.resolve("connectors"));

        assertThatThrownBy(() -> PluginDirs.locate("nope", repo)).hasMessageContaining("'nope'");
    }

    @Test
    void pluginClassesAlsoOnTheClasspathAreReportedAsShadowed() throws Exception {
        Path pluginDir = Files.createDirectories(repo.resolve("plugin/tick"));
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(pluginDir.resolve("tick.jar")))) {
            jar.putNextEntry(new java.util.jar.JarEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"));
            jar.write("# test plugins\nio.flead.embedded.TickSourceConnector\nio.flead.embedded.NotOnTheClasspath\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        assertThat(PluginDirs.shadowedByClasspath(repo.resolve("plugin")))
                .containsExactly("io.flead.embedded.TickSourceConnector");
    }
}
