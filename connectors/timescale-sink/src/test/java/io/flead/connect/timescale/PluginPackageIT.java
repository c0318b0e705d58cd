package io.flead.connect.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The plugin zip as a user downloads it: the jars, and a Confluent-Hub-style manifest.json with the built version. */
class PluginPackageIT {
    private static final Path ZIP = Path.of("target", "timescale-sink-plugin.zip");

    @Test
    void zipCarriesAComponentManifestWithTheVersionTheConnectorReports() throws Exception {
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("timescale-sink/manifest.json", "timescale-sink/README.md")
                .anyMatch(n -> n.matches("timescale-sink/postgresql-[\\d.]+\\.jar"))
                .noneMatch(n -> n.contains("kafka") || n.contains("slf4j"));
            String jar = names.stream().filter(n -> n.matches("timescale-sink/timescale-sink-.*\\.jar")).findFirst()
                .orElseThrow();
            String jarVersion;
            try (JarInputStream in = new JarInputStream(zip.getInputStream(zip.getEntry(jar)))) {
                jarVersion = in.getManifest().getMainAttributes().getValue("Implementation-Version");
            }
            JsonNode manifest;
            try (InputStream in = zip.getInputStream(zip.getEntry("timescale-sink/manifest.json"))) {
                manifest = new ObjectMapper().readTree(in);
            }
            assertThat(jarVersion).isEqualTo(Version.get()).doesNotContain("${");
            assertThat(jar).isEqualTo("timescale-sink/timescale-sink-" + jarVersion + ".jar");
            assertThat(manifest.path("name").asText()).isEqualTo("timescale-sink");
            assertThat(manifest.path("version").asText()).isEqualTo(jarVersion);
            assertThat(manifest.path("component_types").get(0).asText()).isEqualTo("sink");
            assertThat(manifest.path("owner").path("username").asText()).isNotBlank();
            assertThat(manifest.path("description").asText()).doesNotContain("${").contains("TimescaleDB");
            assertThat(manifest.path("features").path("delivery_guarantee").toString()).contains("exactly_once");
        }
    }
}
