package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampTextTest {
    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private static String text(Instant instant) {
        StringBuilder out = new StringBuilder();
        TimestampText.append(out, instant);
        return out.toString();
    }

    @Test
    void writesUtcWithMicroseconds() {
        assertThat(text(Instant.parse("2026-11-01T00:00:00Z"))).isEqualTo("2026-11-01 00:00:00.000000+00:00");
        assertThat(text(Instant.parse("2024-02-29T23:59:59.123456789Z"))).isEqualTo("2024-02-29 23:59:59.123456+00:00");
        assertThat(text(Instant.ofEpochMilli(-1))).isEqualTo("1969-12-31 23:59:59.999000+00:00");
    }

    @Test
    void agreesWithDateTimeFormatterAcrossTheRangeAndBeyond() {
        List<String> edges = List.of("0000-01-01T00:00:00Z", "0000-12-31T23:59:59.999999Z", "1582-10-15T12:00:00Z",
                "1900-02-28T00:00:00Z", "2000-02-29T00:00:00Z", "2100-03-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z");
        for (String edge : edges) {
            Instant instant = Instant.parse(edge);
            assertThat(text(instant)).as(edge).isEqualTo(REFERENCE.format(instant));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            assertThat(text(instant)).isEqualTo(REFERENCE.format(instant));
        }
    }
}
