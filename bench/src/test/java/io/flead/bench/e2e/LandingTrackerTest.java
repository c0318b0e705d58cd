package io.flead.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LandingTrackerTest {

    @Test
    void aRowLandsAtTheFirstQueryThatFindsIt() {
        LandingTracker t = new LandingTracker(30_000);
        t.announced("d#1", 1000);
        t.announced("d#2", 1010);
        t.found(List.of("d#1"), 1040);
        t.found(List.of("d#1", "d#2"), 1070);
        assertThat(t.landed()).containsEntry("d#1", 1040L).containsEntry("d#2", 1070L);
        assertThat(t.announcedOfLanded()).containsEntry("d#1", 1000L).containsEntry("d#2", 1010L);
        assertThat(t.pendingCount()).isZero();
    }

    @Test
    void aRowAnnouncedAgainAfterLandingIsNotLookedForAgain() {
        LandingTracker t = new LandingTracker(30_000);
        t.announced("d#1", 1000);
        t.found(List.of("d#1"), 1040);
        t.announced("d#1", 2000);
        assertThat(t.pending()).isEmpty();
        assertThat(t.landed()).containsEntry("d#1", 1040L);
    }

    @Test
    void rowsFoundWithoutAnnouncementAreIgnored() {
        LandingTracker t = new LandingTracker(30_000);
        t.found(List.of("d#9"), 1000);
        assertThat(t.landed()).isEmpty();
    }

    @Test
    void rowsMissingPastTheLimitCountAsNeverLanded() {
        LandingTracker t = new LandingTracker(500);
        t.announced("d#1", 1000);
        t.announced("d#2", 1400);
        t.expire(1600);
        assertThat(t.pending()).containsExactly("d#2");
        assertThat(t.neverLanded()).isEqualTo(1);
    }
}
