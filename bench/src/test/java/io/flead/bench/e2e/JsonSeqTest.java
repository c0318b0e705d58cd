package io.flead.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonSeqTest {

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheTopLevelSeqOfATelemetryValue() {
        assertThat(JsonSeq.seq(json("{\"device_id\":\"device_0007\",\"ts\":1617235200000,\"seq\":412,"
            + "\"features\":{\"tcp.seq\":99}}"))).isEqualTo(412);
    }

    @Test
    void toleratesASpaceAfterTheColon() {
        assertThat(JsonSeq.seq(json("{\"seq\": 3}"))).isEqualTo(3);
    }

    @Test
    void quotesAValueWithoutANumericSeq() {
        assertThatThrownBy(() -> JsonSeq.seq(json("{\"ts\":1}"))).hasMessageContaining("{\"ts\":1}");
        assertThatThrownBy(() -> JsonSeq.seq(json("{\"seq\":\"x\"}"))).hasMessageContaining("not a number");
    }

    @Test
    void keysJoinDeviceAndSeq() {
        assertThat(JsonSeq.key("device_0001", 12)).isEqualTo("device_0001#12").isNotEqualTo(JsonSeq.key("device_00011", 2));
    }
}
