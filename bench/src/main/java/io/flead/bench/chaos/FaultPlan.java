package io.flead.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which faults hit which run and when, from a seed: the kinds come in a shuffled order, every kind once before any
 * kind again, and each fault at a random moment within the first part of its run's replay, so that rows are still
 * arriving when it hits and when the process comes back.
 */
final class FaultPlan {
    /** Faults start within this share of the replay: later ones would find nothing left to replay. */
    static final double LATEST_SHARE = 0.6;
    /** and not before this share, so that every process has taken part before it is hit. */
    static final double EARLIEST_SHARE = 0.1;

    /** One fault: its kind and its moment after the replay started. */
    record Fault(FaultKind kind, Duration at) {
    }

    private FaultPlan() {
    }

    /**
     * @param kinds         the kinds to inject, each equally often
     * @param runs          runs of the suite
     * @param faultsPerRun  faults in each run, injected one after the other
     * @param replay        how long a run's replay lasts (rows / rate)
     * @return per run, its faults in the order of their moments
     */
    static List<List<Fault>> plan(long seed, List<FaultKind> kinds, int runs, int faultsPerRun, Duration replay) {
        if (kinds.isEmpty() || runs < 1 || faultsPerRun < 1) {
            throw new IllegalArgumentException("A plan needs kinds, runs >= 1 and faults per run >= 1, got " + kinds
                + ", " + runs + ", " + faultsPerRun);
        }
        Random random = new Random(seed);
        List<FaultKind> order = new ArrayList<>();
        List<List<Fault>> plan = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<Fault> faults = new ArrayList<>();
            for (int i = 0; i < faultsPerRun; i++) {
                if (order.isEmpty()) {
                    order.addAll(kinds);
                    Collections.shuffle(order, random);
                }
                faults.add(new Fault(order.remove(0), moment(random, replay)));
            }
            faults.sort(Comparator.comparing(Fault::at));
            plan.add(List.copyOf(faults));
        }
        return List.copyOf(plan);
    }

    private static Duration moment(Random random, Duration replay) {
        double share = EARLIEST_SHARE + random.nextDouble() * (LATEST_SHARE - EARLIEST_SHARE);
        return Duration.ofMillis(Math.round(replay.toMillis() * share));
    }
}
