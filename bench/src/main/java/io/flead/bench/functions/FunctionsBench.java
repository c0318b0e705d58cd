package io.flead.bench.functions;

import io.flead.bench.BenchFlags;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flead bench functions}: JMH over the pure cores (one fork, one thread, short iterations) and
 * {@code metric} lines: local training and scoring in samples per second per core, and the milliseconds
 * to aggregate a round of 1,000 updates; and the label-free forest kind's training and scoring ({@link ForestBenchmark}).
 * Flags: {@code --quick} (one short iteration each, to check that the benchmarks run; its figures mean nothing).
 */
public final class FunctionsBench {
    private FunctionsBench() {
    }

    /** The flags of {@code flead bench functions}. */
    @Command(name = "functions", mixinStandardHelpOptions = true,
        description = "JMH: local training, scoring and aggregation throughput of the pure cores, and of the forest kind.")
    public static final class Flags {
        @Option(names = "--quick", description = "one short iteration each, to check that the benchmarks run; its"
            + " figures mean nothing")
        boolean quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = BenchFlags.parse(new Flags(), args).quick;
        Options options = new OptionsBuilder()
            .include(LocalTrainBenchmark.class.getName())
            .include(ScoreBenchmark.class.getName())
            .include(FedAvgBenchmark.class.getName())
            .include(ForestBenchmark.class.getName())
            .forks(1)
            .threads(1)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(TimeValue.seconds(quick ? 1 : 2))
            .measurementIterations(quick ? 1 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .jvmArgsAppend("-Xmx1g")
            .shouldFailOnError(true)
            .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            if (benchmark.endsWith("LocalTrainBenchmark.trainWindow")) {
                metric("functions.localtrain_samples_per_s", score, error, "samples/s");
            } else if (benchmark.endsWith("ScoreBenchmark.scoreEvents")) {
                metric("functions.score_samples_per_s", score, error, "samples/s");
            } else if (benchmark.endsWith("ForestBenchmark.trainWindow")) {
                metric("functions.forest.train_samples_per_s", score, error, "samples/s");
            } else if (benchmark.endsWith("ForestBenchmark.scoreRows")) {
                metric("functions.forest.score_samples_per_s", score, error, "samples/s");
            } else if (benchmark.endsWith("FedAvgBenchmark.aggregateRound")) {
                metric("functions.fedavg_ms_1000_updates", score, error, "ms");
            }
        }
    }

    private static void metric(String name, double value, double error, String unit) {
        System.out.printf(Locale.ROOT, "metric %s %.3f %s (99.9%% CI +/- %.3f)%n", name, value, unit, error);
    }
}
