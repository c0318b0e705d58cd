package io.flead.bench.loop;

import io.flead.model.GlobalModel;
import io.flead.model.VersionEvaluation;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The figures of one loop run, from the global versions in the order the bench saw them and fedavg's acknowledgements
 * (pure).
 *
 * @param versions            distinct published versions (version 0, the initial model, excluded)
 * @param zeroAcceptVersions  versions made of no accepted update (participants 0)
 * @param accepted            updates accepted into versions (participants summed over the versions)
 * @param rejected            rejected updates by reason: from the acknowledgements when fedavg wrote any, else the
 *                            versions' {@code rejected_counts} summed
 * @param localUpdates        updates local training produced
 * @param maxStaleness        the largest {@code max_staleness} of any version; null when no version reported one
 * @param finalEvaluation     the evaluation carried by the newest version that carries one; null when none did
 * @param rowsBeforeF1Pct     the share of the replay done before the first version evaluated at F1 >= 0.8 was
 *                            published (rows on the telemetry topic when the bench first saw that version, over all
 *                            rows replayed): the rows no good model could score; 100 when no version reached it
 * @param timeline            every version once, as first seen
 */
record LoopFigures(long versions, long zeroAcceptVersions, long accepted, Map<String, Long> rejected,
                   long localUpdates, Long maxStaleness, VersionEvaluation finalEvaluation, double rowsBeforeF1Pct,
                   List<Sighting> timeline) {

    static final double F1_EARLY = 0.8;

    /** A global version as the bench read it, with the rows replayed by then and the time since the run started. */
    record Sighting(GlobalModel model, long rowsReplayed, long atMs) {
    }

    LoopFigures {
        rejected = Collections.unmodifiableMap(new TreeMap<>(rejected));
        timeline = List.copyOf(timeline);
    }

    /**
     * @param sightings    every global model record read, in reading order (a version may appear more than once)
     * @param ackOutcomes  acknowledgements on {@code fedavg-consumed} by outcome ({@code accepted} or a reason code)
     * @param rowsTotal    rows the run replayed in all
     */
    static LoopFigures of(List<Sighting> sightings, Map<String, Long> ackOutcomes, long localUpdates, long rowsTotal) {
        Map<Long, GlobalModel> byVersion = new TreeMap<>();
        for (Sighting s : sightings) {
            if (s.model().version() > 0) {
                byVersion.put(s.model().version(), s.model()); // the last read of a version wins
            }
        }
        long zero = byVersion.values().stream().filter(m -> m.participants() == 0).count();
        long accepted = byVersion.values().stream().mapToLong(GlobalModel::participants).sum();
        Long maxStaleness = byVersion.values().stream().map(GlobalModel::maxStaleness).filter(s -> s != null)
            .max(Comparator.naturalOrder()).orElse(null);
        VersionEvaluation last = byVersion.values().stream().map(GlobalModel::evaluation).filter(e -> e != null)
            .reduce((a, b) -> b).orElse(null);
        return new LoopFigures(byVersion.size(), zero, accepted, rejections(byVersion, ackOutcomes), localUpdates,
            maxStaleness, last, rowsBeforeF1(sightings, rowsTotal), firstSightings(sightings));
    }

    private static Map<String, Long> rejections(Map<Long, GlobalModel> byVersion, Map<String, Long> ackOutcomes) {
        Map<String, Long> counts = new TreeMap<>();
        if (!ackOutcomes.isEmpty()) {
            ackOutcomes.forEach((outcome, n) -> {
                if (!outcome.equals(io.flead.model.UpdateAck.ACCEPTED)) {
                    counts.merge(outcome, n, Long::sum);
                }
            });
            return counts;
        }
        byVersion.values().forEach(m -> m.rejectedCounts().forEach((reason, n) -> counts.merge(reason, n, Long::sum)));
        return counts;
    }

    /**
     * A version's evaluation arrives with a later version (once updates based on it have been folded), but the rows it
     * speaks of were scored from the moment the version itself was published: that moment is what counts.
     */
    static double rowsBeforeF1(List<Sighting> sightings, long rowsTotal) {
        for (Sighting s : sightings) {
            VersionEvaluation e = s.model().evaluation();
            if (e != null && e.f1() >= F1_EARLY) {
                long rows = e.version() == 0 ? 0 : sightings.stream()
                    .filter(p -> p.model().version() == e.version()).mapToLong(Sighting::rowsReplayed).findFirst()
                    .orElse(s.rowsReplayed());
                return rowsTotal <= 0 ? 100 : Math.min(100, 100.0 * rows / rowsTotal);
            }
        }
        return 100;
    }

    private static List<Sighting> firstSightings(List<Sighting> sightings) {
        Map<Long, Sighting> first = new TreeMap<>();
        sightings.forEach(s -> first.putIfAbsent(s.model().version(), s));
        return List.copyOf(first.values());
    }

    long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The figures over all runs. */
    record Totals(int runs, int runsWithoutEvaluation, OptionalDouble f1Min, OptionalDouble f1Median,
                  long zeroAcceptVersions, Long maxStaleness, double rowsBeforeF1PctWorst) {
    }

    /**
     * @param figures     per run
     * @param earlyRuns   per run, whether it counts for the early-usefulness figure (the runs at 5,000 rows/s); when no
     *                    run does, every run counts
     */
    static Totals totals(List<LoopFigures> figures, List<Boolean> earlyRuns) {
        List<Double> f1 = figures.stream().filter(f -> f.finalEvaluation() != null)
            .map(f -> f.finalEvaluation().f1()).sorted().toList();
        OptionalDouble min = f1.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(f1.get(0));
        OptionalDouble median = f1.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(f1.size() % 2 == 1
            ? f1.get(f1.size() / 2) : (f1.get(f1.size() / 2 - 1) + f1.get(f1.size() / 2)) / 2);
        boolean anyEarly = earlyRuns.contains(true);
        double worst = 0;
        for (int i = 0; i < figures.size(); i++) {
            if (!anyEarly || earlyRuns.get(i)) {
                worst = Math.max(worst, figures.get(i).rowsBeforeF1Pct());
            }
        }
        Long staleness = figures.stream().map(LoopFigures::maxStaleness).filter(s -> s != null)
            .max(Comparator.naturalOrder()).orElse(null);
        return new Totals(figures.size(), figures.size() - f1.size(), min, median,
            figures.stream().mapToLong(LoopFigures::zeroAcceptVersions).sum(), staleness, worst);
    }
}
