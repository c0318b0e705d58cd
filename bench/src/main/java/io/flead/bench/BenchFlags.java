package io.flead.bench;

import picocli.CommandLine;

/** Parses a benchmark's command line into its picocli-annotated flags; a bad one is an IllegalArgumentException. */
public final class BenchFlags {
    private BenchFlags() {
    }

    /** {@code flags} filled from {@code args}; errors name the option ({@code Unknown option: '--x'}). */
    public static <T> T parse(T flags, String[] args) {
        try {
            new CommandLine(flags).setOverwrittenOptionsAllowed(true).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return flags;
    }

    /** {@code value} when it lies in [min, max]; else an error naming the option and quoting the value. */
    public static long range(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + option + ": must be between "
                + min + " and " + max);
        }
        return value;
    }
}
