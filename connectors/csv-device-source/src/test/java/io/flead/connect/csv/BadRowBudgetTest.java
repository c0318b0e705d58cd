package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BadRowBudgetTest {

    private static final BadRow BAD = BadRow.of("device_3.csv", 9, 2, "unparseable number 'x' in column 'tcp.len'", "raw");

    @Test
    void failsOnlyPastTheMaximumNamingCountKeyAndLastRow() {
        BadRowBudget budget = new BadRowBudget(2);
        assertThat(budget.add("device_3", BAD)).isNull();
        assertThat(budget.add("device_3", BAD)).isNull();
        assertThat(budget.add("device_3", BAD)).isEqualTo("Too many bad rows: 3 bad rows exceed 'bad.rows.max'=2; "
                + "the last, of device 'device_3', was device_3.csv:9:2: unparseable number 'x' in column 'tcp.len'");
        assertThat(budget.count()).isEqualTo(3);
    }

    @Test
    void minusOneMeansNoLimitAndZeroFailsOnTheFirst() {
        BadRowBudget unlimited = new BadRowBudget(-1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(unlimited.add("d", BAD)).isNull();
        }
        assertThat(new BadRowBudget(0).add("d", BAD)).startsWith("Too many bad rows: 1 bad rows exceed 'bad.rows.max'=0");
    }

    @Test
    void rawTextIsTruncatedAndErrorValueHasTheContractFields() {
        BadRow bad = BadRow.of("f.csv", 3, 1, "empty line", "y".repeat(1000));
        assertThat(bad.raw()).hasSize(BadRow.RAW_MAX_CHARS);
        assertThat(bad.toValue()).containsOnlyKeys("file", "line", "column", "reason", "raw")
                .containsEntry("line", 3L).containsEntry("column", 1);
    }
}
