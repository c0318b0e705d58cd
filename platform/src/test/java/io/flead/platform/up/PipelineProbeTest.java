package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PipelineProbeTest {

    @Test
    void onlyReportsAboutAWholeFileAreNotRowsInError() {
        assertThat(PipelineProbe.isFileReport("""
            {"file":"device_7.csv","line":0,"column":0,"reason":"file changed since its offset was stored: …"}"""
            .getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(PipelineProbe.isFileReport("""
            {"file":"device_7.csv","line":3,"column":2,"reason":"unparseable number 'abc' in column 'tcp.len'"}"""
            .getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(PipelineProbe.isFileReport("not json".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
