package io.flead.connect.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void connectorAndTaskReportTheVersionOfThePomTheyWereBuiltFrom() throws Exception {
        Matcher parent = Pattern.compile("(?s)<parent>.*?<version>([^<]+)</version>.*?</parent>")
            .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(parent.find()).isTrue();
        assertThat(new TimescaleSinkConnector().version()).isEqualTo(parent.group(1));
        assertThat(new TimescaleSinkTask().version()).isEqualTo(parent.group(1));
    }
}
