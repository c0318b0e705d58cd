package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class JsonBytesTest {

    @Test
    void escapesAndNumbersMatchJsonConverter() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("tiny", 1.0E-7);
        inner.put("big", 1.0E21);
        inner.put("neg", -42L);
        inner.put("max", Long.MAX_VALUE);
        inner.put("int", 7);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ tab \t nl \n cr \r bell \u0007 del \u007f é 漢 😀 /");
        value.put("null", null);
        value.put("flag", true);
        value.put("nested", inner);
        value.put("empty", Map.of());
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), false);
            String expected = new String(converter.fromConnectData("t", null, value), StandardCharsets.UTF_8);
            assertThat(new String(new JsonBytes().write(value), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void reusesItsBufferAcrossValuesOfDifferentSizes() {
        JsonBytes json = new JsonBytes();
        String big = "x".repeat(10_000);
        assertThat(new String(json.write(Map.of("a", big)), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"" + big + "\"}");
        assertThat(new String(json.write(Map.of("b", 1L)), StandardCharsets.UTF_8)).isEqualTo("{\"b\":1}");
    }
    @Test
    void refusesNonFiniteNumbersInsteadOfWritingThemAsStrings() {
        FeatureMap features = new FeatureMap(new FeatureNames(new String[] {"tcp.len"}));
        features.add(0, Double.POSITIVE_INFINITY);
        JsonBytes json = new JsonBytes();
        for (Object value : new Object[] {Double.NaN, Double.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, features}) {
            assertThatThrownBy(() -> json.write(Map.of("x", value))).as("%s", value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a finite number");
        }
        assertThat(new String(json.write(Map.of("x", 1.5)), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1.5}");
    }
}
