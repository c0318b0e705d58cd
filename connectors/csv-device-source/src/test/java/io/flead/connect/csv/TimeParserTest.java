package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TimeParserTest {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @Test
    void fastIsoPathAgreesWithJavaTimeOnRandomInstantsAndZones() {
        Random random = new Random(7);
        for (String zone : List.of("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata")) {
            TimeParser parser = TimeParser.of(List.of("iso"), ZoneId.of(zone));
            for (int i = 0; i < 2_000; i++) {
                long ms = 946_684_800_000L + (long) (random.nextDouble() * 1_000_000_000_000L);
                Instant instant = Instant.ofEpochMilli(ms);
                java.time.LocalDateTime localTime = instant.atZone(ZoneId.of(zone)).toLocalDateTime();
                String local = MICROS.format(localTime);
                if (ZoneId.of(zone).getRules().getValidOffsets(localTime).size() == 1) { // skip the DST fall-back hour
                    assertThat(parser.parse(local)).as("%s in %s", local, zone).isEqualTo(ms);
                }
                String withOffset = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.ofHours(-3)));
                assertThat(parser.parse(withOffset)).as(withOffset).isEqualTo(ms);
                assertThat(parser.parse(instant.toString())).as(instant.toString()).isEqualTo(ms);
            }
        }
    }

    @Test
    void anAmbiguousLocalTimeTakesTheEarlierOffset() {
        TimeParser parser = TimeParser.of(List.of("iso"), ZoneId.of("America/New_York"));
        assertThat(parser.parse("2015-11-01 01:30:00")).isEqualTo(Instant.parse("2015-11-01T05:30:00Z").toEpochMilli());
    }

    @Test
    void formatsAreTriedInOrderAndNothingMatchingIsInvalid() {
        TimeParser parser = TimeParser.of(List.of("epoch-s", "dd.MM.yyyy"), ZoneId.of("UTC"));
        assertThat(parser.parse(" 1636884000.25 ")).isEqualTo(1_636_884_000_250L);
        assertThat(parser.parse("14.11.2021")).isEqualTo(1_636_848_000_000L);
        assertThat(parser.parse("2021-11-14")).isEqualTo(TimeParser.INVALID);
        assertThat(parser.parse("")).isEqualTo(TimeParser.INVALID);
    }

    @Test
    void isoRejectsImpossibleDatesAndStrayText() {
        TimeParser parser = TimeParser.of(List.of("iso"), ZoneId.of("UTC"));
        assertThat(parser.parse("2021-02-30 10:00:00")).isEqualTo(TimeParser.INVALID);
        assertThat(parser.parse("2021-11-14 10:00:00.")).isEqualTo(TimeParser.INVALID);
        assertThat(parser.parse("2021-11-14 10:00:00 UTC")).isEqualTo(TimeParser.INVALID);
        assertThat(parser.parse("2021-11-14 25:00:00")).isEqualTo(TimeParser.INVALID);
    }
}
