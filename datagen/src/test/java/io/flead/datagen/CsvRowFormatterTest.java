package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvRowFormatterTest {

    @Test
    void decimalsHaveExactlySixPlaces() {
        assertThat(decimal(0)).isEqualTo("0.000000");
        assertThat(decimal(0.000005)).isEqualTo("0.000005");
        assertThat(decimal(1.5)).isEqualTo("1.500000");
        assertThat(decimal(12.3456789)).isEqualTo("12.345679");
        assertThat(decimal(-0.25)).isEqualTo("-0.250000");
    }

    @Test
    void frameTimeMatchesJavaTimeFormattingForRandomInstants() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern(FrameTimeFormat.PATTERN).withZone(ZoneOffset.UTC);
        FrameTimeFormat format = new FrameTimeFormat();
        SplittableRandom rng = new SplittableRandom(5);
        long base = Instant.parse("2021-11-10T00:00:00Z").getEpochSecond() * 1_000_000L;
        for (int i = 0; i < 2000; i++) {
            long micros = base + rng.nextLong(400L * 86_400_000_000L);
            StringBuilder out = new StringBuilder();
            format.append(out, micros);
            assertThat(out.toString()).isEqualTo(reference.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS)));
        }
    }

    @Test
    void rowsAreWrittenWithIntegersTextAndTheLabel() throws Exception {
        PacketRow row = new PacketRow();
        row.clear();
        row.timeMicros = Instant.parse("2021-11-10T14:39:12.123456Z").getEpochSecond() * 1_000_000L + 123_456;
        row.set(EdgeIiotSchema.TCP_LEN, 51);
        row.set(EdgeIiotSchema.UDP_TIME_DELTA, 0.25);
        row.text(EdgeIiotSchema.IP_SRC, "192.168.0.101");
        row.set(EdgeIiotSchema.ATTACK_LABEL, 1);
        row.text(EdgeIiotSchema.ATTACK_TYPE, "DDoS_UDP");
        java.io.StringWriter out = new java.io.StringWriter();
        new CsvRowFormatter().write(row, out);
        String[] cells = out.toString().split(",", -1);
        assertThat(cells).hasSize(63);
        assertThat(cells[0]).isEqualTo("2021-11-10 14:39:12.123456");
        assertThat(cells[EdgeIiotSchema.IP_SRC]).isEqualTo("192.168.0.101");
        assertThat(cells[EdgeIiotSchema.HTTP_METHOD]).isEqualTo("0");
        assertThat(cells[EdgeIiotSchema.TCP_LEN]).isEqualTo("51");
        assertThat(cells[EdgeIiotSchema.UDP_TIME_DELTA]).isEqualTo("0.250000");
        assertThat(cells[EdgeIiotSchema.ATTACK_LABEL]).isEqualTo("1");
        assertThat(cells[EdgeIiotSchema.ATTACK_TYPE]).isEqualTo("DDoS_UDP\n");
    }

    private static String decimal(double value) {
        StringBuilder out = new StringBuilder();
        CsvRowFormatter.appendDecimal(out, value);
        return out.toString();
    }
}
