package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonObjectScannerTest {
    @Test
    void scalarsAreTypedAndNestedPartsStayRawText() {
        Map<String, Object> fields = JsonObjectScanner.parse(" {\"device_id\" : \"dev-1\", \"ts\":1700000000000,"
                + "\"score\":-0.5e-3,\"ok\":true,\"label\":null,\"features\":{\"tcp.len\": 12.5, \"s\":\"}]\\\"\"},"
                + "\"weights\":[1, 2.5]} ");
        assertThat(fields).containsExactly(
                Map.entry("device_id", "dev-1"),
                Map.entry("ts", 1_700_000_000_000L),
                Map.entry("score", -0.5e-3),
                Map.entry("ok", true),
                new SimpleEntry<>("label", null),
                Map.entry("features", new JsonValue("{\"tcp.len\": 12.5, \"s\":\"}]\\\"\"}")),
                Map.entry("weights", new JsonValue("[1, 2.5]")));
    }

    @Test
    void stringEscapesAreDecoded() {
        assertThat(JsonObjectScanner.parse("{\"a\\\"b\":\"tab\\there\\nline \\\\ \\u00e9\\ud83d\\ude00 \\/\"}"))
                .containsExactly(Map.entry("a\"b", "tab\there\nline \\ é😀 /"));
    }

    @Test
    void bigIntegersFallBackToDouble() {
        assertThat(JsonObjectScanner.parse("{\"a\":123456789012345678901234567890,\"b\":-9223372036854775808}"))
                .containsEntry("a", 1.2345678901234568E29).containsEntry("b", Long.MIN_VALUE);
    }

    @Test
    void malformedJsonNamesThePosition() {
        for (String bad : List.of("{not json", "[1,2]", "{\"a\":1", "{\"a\":tru}", "{\"a\":{\"b\":1}", "{\"a\":1} x",
                "{\"a\":\"unterminated}", "{\"a\":--1}")) {
            assertThatThrownBy(() -> JsonObjectScanner.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed JSON at character ");
        }
    }

    @Test
    void rawNumberArraysBecomeDoubleArraysWhenConfigured() {
        TableTarget t = new TableTarget("t", "ts", "time", List.of());
        Map<String, Object> v = JsonObjectScanner.parse("{\"ts\":1,\"w\":[1, -2.5e1],\"m\":[1,\"x\"],\"e\":[]}");
        Row row = new RowConverter(true).convert(new RecordRef("t", 0, 0), t, v);
        assertThat(row.values().get("w")).isEqualTo(new DoubleArray(new double[] {1, -25}));
        assertThat(row.values().get("m")).isEqualTo(new JsonValue("[1,\"x\"]"));
        assertThat(row.values().get("e")).isEqualTo(new JsonValue("[]"));
    }

    @Test
    void theNullLiteralIsATombstoneAndAnythingElseMustBeAnObject() {
        assertThat(JsonObjectScanner.parseOrNull(" null\n")).isNull();
        assertThat(JsonObjectScanner.parseOrNull("{\"a\":1}")).containsExactly(Map.entry("a", 1L));
        for (String bad : List.of("nul", "null x", "nonsense", "[1]", "1", "\"s\"", "")) {
            assertThatThrownBy(() -> JsonObjectScanner.parseOrNull(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed JSON at character ");
        }
    }
}
