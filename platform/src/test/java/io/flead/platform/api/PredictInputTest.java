package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictInputTest {
    static final List<String> NAMES = List.of("tcp.len", "tcp.ack", "udp.port");

    @Test
    void readsTheFeaturesInTheModelsOrder() {
        double[] row = PredictInput.parse("{\"features\":{\"udp.port\":53,\"tcp.len\":1.5,\"tcp.ack\":0}}", NAMES);
        assertThat(row).containsExactly(1.5, 0.0, 53.0);
    }

    @Test
    void eachBadBodyIsRefusedNamingTheField() {
        assertRefused("", "body", "Empty body");
        assertRefused("{oops", "body", "not JSON");
        assertRefused("3", "body", "JSON object");
        assertRefused("{\"feature\":{}}", "feature", "Unknown field 'feature'");
        assertRefused("{\"features\":null}", "features", "Missing field 'features'");
        assertRefused("{\"features\":\"x\"}", "features", "must be an object");
        assertRefused("{\"features\":{\"tcp.len\":1,\"tcp.ack\":2,\"udp.port\":3,\"mqtt.len\":4}}", "features.mqtt.len", "Unknown feature 'mqtt.len'");
        assertRefused("{\"features\":{\"tcp.len\":\"7\",\"tcp.ack\":2,\"udp.port\":3}}", "features.tcp.len", "finite number");
        assertRefused("{\"features\":{\"tcp.len\":1,\"udp.port\":3}}", "features.tcp.ack", "Missing feature 'tcp.ack' (1 of 3 missing)");
    }

    private static void assertRefused(String body, String field, String messagePart) {
        assertThatThrownBy(() -> PredictInput.parse(body, NAMES)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.parameter()).isEqualTo(field);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
