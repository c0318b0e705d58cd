package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Checks that the README's config reference is the one generated from the ConfigDef.
 * Run with {@code -Dcsv.readme.update=true} to regenerate it.
 */
class ConfigReferenceTest {

    private static final Path README = Path.of("README.md");

    @Test
    void readmeConfigReferenceIsGeneratedFromTheConfigDef() throws Exception {
        String readme = Files.readString(README);
        String generated = ConfigReference.updated(readme);
        if (Boolean.getBoolean("csv.readme.update")) {
            Files.writeString(README, generated);
            readme = generated;
        }
        assertThat(readme).as("README.md is stale; run the test with -Dcsv.readme.update=true").isEqualTo(generated);
    }

    @Test
    void everyPublicKeyIsInTheReferenceWithItsDoc() {
        String markdown = ConfigReference.markdown();
        CsvDeviceSourceConfig.configDef().configKeys().values().stream()
                .filter(k -> k.group != null)
                .forEach(k -> assertThat(markdown).contains("| `" + k.name + "` |").contains(k.documentation));
        assertThat(markdown).doesNotContain(CsvDeviceSourceConfig.TASK_FILES);
    }
}
