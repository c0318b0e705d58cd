package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowConverterTest {
    private static final TableTarget TELEMETRY = new TableTarget("telemetry", "ts", "time", List.of("device_id", "seq", "time"));
    private static final RecordRef REF = new RecordRef("edge-iiot-stream", 2, 41);

    private static Map<String, Object> telemetry() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("device_id", "dev-1");
        v.put("ts", 1_700_000_000_000L);
        v.put("seq", 7);
        v.put("features", Map.of("tcp.len", 12.5));
        v.put("label", null);
        v.put("ok", true);
        v.put("weights", List.of(1, 2.5));
        return v;
    }

    @Test
    void mapsScalarsToTypedValuesAndNestedToJson() {
        Row row = new RowConverter(false).convert(REF, TELEMETRY, telemetry());
        assertThat(row.values()).containsExactly(
                Map.entry("device_id", "dev-1"),
                Map.entry("time", Instant.ofEpochMilli(1_700_000_000_000L)),
                Map.entry("seq", 7L),
                Map.entry("features", new JsonValue("{\"tcp.len\":12.5}")),
                new java.util.AbstractMap.SimpleEntry<>("label", null),
                Map.entry("ok", true),
                Map.entry("weights", new JsonValue("[1,2.5]")));
    }

    @Test
    void numberArraysBecomeDoubleArraysWhenConfigured() {
        Row row = new RowConverter(true).convert(REF, TELEMETRY, telemetry());
        assertThat(row.values().get("weights")).isEqualTo(new DoubleArray(new double[] {1, 2.5}));
    }

    @Test
    void mixedArraysStayJson() {
        Map<String, Object> v = telemetry();
        v.put("weights", List.of(1, "x"));
        assertThat(new RowConverter(true).convert(REF, TELEMETRY, v).values().get("weights"))
                .isEqualTo(new JsonValue("[1,\"x\"]"));
    }

    @Test
    void timeAcceptsEpochMillisIsoTextAndDigits() {
        Instant expected = Instant.parse("2026-01-02T03:04:05.678Z");
        for (Object ts : List.of(expected.toEpochMilli(), "2026-01-02T03:04:05.678Z", "2026-01-02T04:04:05.678+01:00",
                "2026-01-02T03:04:05.678", String.valueOf(expected.toEpochMilli()), (double) expected.toEpochMilli(),
                BigDecimal.valueOf(expected.toEpochMilli()), expected)) {
            Map<String, Object> v = telemetry();
            v.put("ts", ts);
            assertThat(new RowConverter(false).convert(REF, TELEMETRY, v).values().get("time")).as("ts=%s", ts)
                    .isEqualTo(expected);
        }
    }

    @Test
    void badTimeNamesRecordAndField() {
        Map<String, Object> v = telemetry();
        v.put("ts", "yesterday");
        assertThatThrownBy(() -> new RowConverter(false).convert(REF, TELEMETRY, v))
                .isInstanceOf(ConversionException.class)
                .hasMessage("Cannot convert record edge-iiot-stream-2@41 field 'ts': "
                        + "time must be epoch milliseconds or ISO-8601 text, got 'yesterday'");
    }

    @Test
    void missingTimeAndNonObjectValuesAreRefused() {
        Map<String, Object> v = telemetry();
        v.remove("ts");
        assertThatThrownBy(() -> new RowConverter(false).convert(REF, TELEMETRY, v))
                .hasMessage("Cannot convert record edge-iiot-stream-2@41 field 'ts': time field is missing");
        assertThatThrownBy(() -> new RowConverter(false).convert(REF, TELEMETRY, "just text"))
                .hasMessage("Cannot convert record edge-iiot-stream-2@41: value must be an object, got String");
    }

    @Test
    void hostileFieldNamesStayNames() {
        Map<String, Object> v = telemetry();
        v.put("x\"; DROP TABLE t; --", "boom");
        assertThat(new RowConverter(false).convert(REF, TELEMETRY, v).values())
                .containsEntry("x\"; DROP TABLE t; --", "boom");
        v.put("", 1);
        assertThatThrownBy(() -> new RowConverter(false).convert(REF, TELEMETRY, v))
                .hasMessageContaining("field '': not a valid column name");
    }

    @Test
    void jsonTextEscapesStringsAndDropsNonFiniteNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a\"b", "line\nbreak\ttab\\ \u0001");
        m.put("nan", Double.NaN);
        m.put("list", List.of(true, 1L));
        assertThat(JsonText.write(m))
                .isEqualTo("{\"a\\\"b\":\"line\\nbreak\\ttab\\\\ \\u0001\",\"nan\":null,\"list\":[true,1]}");
    }
}
