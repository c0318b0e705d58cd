package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnCapTest {
    private static final TableTarget T = new TableTarget("telemetry", "ts", "time", List.of("device_id", "seq", "time"));
    private static final Set<String> EXISTING = Set.of("time", "device_id", "seq", "features", "label", "attack_type");

    @Test
    void rowsNeedingNoNewColumnAreAllAdmittedWhateverTheCap() {
        List<Row> rows = List.of(row(0, "label"), row(1, "features", "attack_type"));
        assertThat(ColumnCap.refusals(T, EXISTING, rows, 1)).isEmpty();
    }

    @Test
    void aRowWhoseNewColumnsPassTheCapIsRefusedNamingTheFirstColumnBeyondIt() {
        Row within = row(0, "a", "b");         // 6 + 2 = 8 columns
        Row beyond = row(1, "b", "c", "d", "e"); // would add c, d, e: 11 columns
        Row reusing = row(2, "a", "label");     // only existing or just admitted columns
        Row lastOne = row(3, "f");              // 9 columns
        assertThat(ColumnCap.refusals(T, EXISTING, List.of(within, beyond, reusing, lastOne), 9))
                .containsExactly(new ColumnCap.Refusal(beyond, "d", 11));
    }

    @Test
    void aNewTableCountsItsTimeAndKeyColumns() {
        Row small = row(0, "x");       // time, device_id, seq, x
        Row wide = row(1, "y", "z");   // would make 6
        assertThat(ColumnCap.refusals(T, Set.of(), List.of(small, wide), 5))
                .containsExactly(new ColumnCap.Refusal(wide, "z", 6));
    }

    @Test
    void aTableAlreadyAtTheCapTakesNoNewColumnButStillTakesRows() {
        Row old = row(0, "label");
        Row fresh = row(1, "new_field");
        assertThat(ColumnCap.refusals(T, EXISTING, List.of(old, fresh, old), 6))
                .containsExactly(new ColumnCap.Refusal(fresh, "new_field", 7));
    }

    private static Row row(long seq, String... fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("time", Instant.EPOCH);
        values.put("device_id", "d");
        values.put("seq", seq);
        for (String f : fields) {
            values.put(f, 1L);
        }
        return new Row(new RecordRef("t", 0, seq), T, values);
    }
}
