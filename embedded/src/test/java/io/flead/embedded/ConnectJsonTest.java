package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectJsonTest {

    @Test
    void statusKeepsTheTraceOfAFailedTask() {
        ConnectorStatus status = ConnectJson.status(ConnectJson.parse("""
                {"name":"csv","connector":{"state":"RUNNING","worker_id":"w:1"},
                 "tasks":[{"id":0,"state":"RUNNING","worker_id":"w:1"},
                          {"id":1,"state":"FAILED","worker_id":"w:1","trace":"boom at line 3"}],"type":"source"}
                """));

        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.tasks()).extracting(ConnectorStatus.TaskStatus::state).containsExactly("RUNNING", "FAILED");
        assertThat(status.hasFailed()).isTrue();
        assertThat(status.isRunning(2)).isFalse();
        assertThat(status.firstTrace()).isEqualTo("boom at line 3");
    }

    @Test
    void validationCollectsMessagesPerKey() {
        ConfigValidation validation = ConnectJson.validation("C", ConnectJson.parse("""
                {"name":"C","error_count":1,"groups":[],"configs":[
                  {"definition":{"name":"topic"},"value":{"name":"topic","value":"t","errors":[]}},
                  {"definition":{"name":"replay.rate"},"value":{"name":"replay.rate","value":"abc",
                   "errors":["Invalid value 'abc' for configuration 'replay.rate': must be a positive number"]}}]}
                """));

        assertThat(validation.errorCount()).isEqualTo(1);
        assertThat(validation.errorsByKey()).containsOnlyKeys("replay.rate");
        assertThat(validation.errors("topic")).isEmpty();
    }

    @Test
    void offsetsAndErrorMessagesAreRead() {
        List<ConnectorOffset> offsets = ConnectJson.offsets(ConnectJson.parse(
                "{\"offsets\":[{\"partition\":{\"file\":\"d1.csv\"},\"offset\":{\"line\":12,\"pos\":800}}]}"));

        assertThat(offsets).containsExactly(new ConnectorOffset(Map.of("file", "d1.csv"), Map.of("line", 12, "pos", 800)));
        assertThat(ConnectJson.errorMessage("{\"error_code\":409,\"message\":\"rebalance\"}")).isEqualTo("rebalance");
        assertThat(ConnectJson.errorMessage("<html>502</html>")).isEqualTo("<html>502</html>");
    }
}
