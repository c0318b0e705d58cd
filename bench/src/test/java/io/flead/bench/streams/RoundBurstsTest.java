package io.flead.bench.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.LocalModelUpdate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundBurstsTest {

    private static LocalModelUpdate update(String device, int n) {
        return new LocalModelUpdate(device + "-" + n, device, 0, n, 50, List.of("a"), new double[] {0.1}, 0.0,
            new FeatureStats(1), 0.5, Eval.EMPTY, null);
    }

    private static List<LocalModelUpdate> pool(int devices, int perDevice) {
        List<LocalModelUpdate> pool = new ArrayList<>();
        for (int n = 0; n < perDevice; n++) {
            for (int d = 0; d < devices; d++) {
                pool.add(update("dev-" + d, n));
            }
        }
        return pool;
    }

    @Test
    void everyRoundHasKDistinctDevicesAndNoUpdateIsUsedTwice() {
        List<List<LocalModelUpdate>> rounds = RoundBursts.deal(pool(7, 6), 3, 10);
        assertThat(rounds).hasSize(10);
        Set<String> used = new HashSet<>();
        for (List<LocalModelUpdate> round : rounds) {
            assertThat(round).hasSize(3);
            assertThat(round.stream().map(LocalModelUpdate::deviceId).distinct()).hasSize(3);
            round.forEach(u -> assertThat(used.add(u.updateId())).as(u.updateId()).isTrue());
        }
    }

    @Test
    void keepsEachDevicesUpdatesInTheirOrder() {
        List<List<LocalModelUpdate>> rounds = RoundBursts.deal(pool(4, 3), 2, 6);
        List<String> dev0 = rounds.stream().flatMap(List::stream).filter(u -> u.deviceId().equals("dev-0"))
            .map(LocalModelUpdate::updateId).toList();
        assertThat(dev0).containsExactly("dev-0-0", "dev-0-1", "dev-0-2");
    }

    @Test
    void stopsWhenFewerThanKDevicesHaveUpdatesLeft() {
        List<LocalModelUpdate> pool = new ArrayList<>(pool(3, 1));
        pool.add(update("dev-0", 1));
        pool.add(update("dev-1", 1));
        // round 1 takes dev-0,1,2; only dev-0 and dev-1 are left for a round of 3
        assertThat(RoundBursts.deal(pool, 3, 5)).hasSize(1);
        assertThat(RoundBursts.deal(pool, 2, 5)).hasSize(2);
    }
}
