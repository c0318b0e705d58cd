package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCatalogTest {
    static final long BUILT = 1_000_000;
    static final DeviceCatalog.Snapshot SNAPSHOT = new DeviceCatalog.Snapshot(List.of(), BUILT, "5:100:0:0", DeviceCatalog.ROWS);

    @Test
    void whileNoTableIsWrittenTheCatalogIsKeptHoweverOftenItIsAskedFor() {
        for (long t = BUILT; t < BUILT + DeviceCatalog.MAX_AGE_MS; t += 2_000) {
            assertThat(DeviceCatalog.stale(SNAPSHOT, "5:100:0:0", t)).as("at +%d ms", t - BUILT).isFalse();
        }
    }

    @Test
    void writesRebuildItAtMostOncePerInterval() {
        assertThat(DeviceCatalog.stale(SNAPSHOT, "5:160:0:0", BUILT + 2_000)).isFalse();
        assertThat(DeviceCatalog.stale(SNAPSHOT, "5:160:0:0", BUILT + DeviceCatalog.MIN_INTERVAL_MS - 1)).isFalse();
        assertThat(DeviceCatalog.stale(SNAPSHOT, "5:160:0:0", BUILT + DeviceCatalog.MIN_INTERVAL_MS)).isTrue();
        assertThat(DeviceCatalog.stale(SNAPSHOT, "4:100:0:0", BUILT + DeviceCatalog.MIN_INTERVAL_MS))
            .as("a dropped chunk").isTrue();
        assertThat(DeviceCatalog.stale(SNAPSHOT, "5:100:0:7", BUILT + DeviceCatalog.MIN_INTERVAL_MS)).as("deletes").isTrue();
    }

    @Test
    void itIsBuiltOnFirstUseAndWhenTooOldOrFromTheFuture() {
        assertThat(DeviceCatalog.stale(null, "5:100:0:0", BUILT)).isTrue();
        assertThat(DeviceCatalog.stale(SNAPSHOT, "5:100:0:0", BUILT + DeviceCatalog.MAX_AGE_MS)).isTrue();
        assertThat(DeviceCatalog.stale(SNAPSHOT, "5:100:0:0", BUILT - 1)).as("the clock went back").isTrue();
    }
}
