package io.flead.connect.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
    private static final Path README = Path.of("README.md");

    /** Run with -Dreadme.update=true to rewrite the generated section. */
    @Test
    void readmeReferenceMatchesTheConfigDef() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String generated = ConfigReference.markdown(SecretGuardConfig.CONFIG_DEF);
        int begin = readme.indexOf(ConfigReference.BEGIN);
        int end = readme.indexOf(ConfigReference.END);
        assertThat(begin).as("README.md has the generated reference markers").isGreaterThanOrEqualTo(0);
        String current = readme.substring(begin, end + ConfigReference.END.length());
        if (Boolean.getBoolean("readme.update") && !current.equals(generated)) {
            Files.writeString(README, readme.replace(current, generated), StandardCharsets.UTF_8);
            current = generated;
        }
        assertThat(current).as("README.md reference is up to date (run with -Dreadme.update=true)").isEqualTo(generated);
    }

    @Test
    void referenceListsEveryKeyWithItsDefault() {
        String generated = ConfigReference.markdown(SecretGuardConfig.CONFIG_DEF);
        SecretGuardConfig.CONFIG_DEF.names().forEach(name -> assertThat(generated).contains("| `" + name + "` |"));
        assertThat(generated).contains("| `flead.secrets.public.providers` | list | `env` |")
                .contains("| `flead.secrets.keys` | list | `connection.password` |")
                .contains("| `flead.secrets.destination.keys` | list | `connection.url` |");
    }
}
