package io.flead.bench.e2e;

/** Reads fields of Linux {@code /proc} files from their text: sizes in kB, parent PIDs, the postmaster's PID (pure). */
public final class ProcStatus {
    private ProcStatus() {
    }

    /**
     * The value in kB of a {@code Name:   1234 kB} line of {@code /proc/<pid>/status} or {@code smaps_rollup}.
     *
     * @throws IllegalArgumentException when no such line exists or its value is not a number of kB
     */
    public static long kilobytes(String text, String field) {
        for (String line : text.split("\n")) {
            if (line.startsWith(field + ":")) {
                String value = line.substring(field.length() + 1).trim();
                if (!value.endsWith(" kB")) {
                    throw new IllegalArgumentException("field '" + field + "' has value '" + value + "', expected '<n> kB'");
                }
                return Long.parseLong(value.substring(0, value.length() - 3).trim());
            }
        }
        throw new IllegalArgumentException("no field '" + field + "' in the /proc text");
    }

    /** The parent PID, the 4th field of {@code /proc/<pid>/stat}; the command name (2nd, in parentheses) may hold spaces. */
    public static long parentPid(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("no ')' closing the command name in stat line '" + stat.strip() + "'");
        }
        String[] rest = stat.substring(close + 1).trim().split("\\s+");
        return Long.parseLong(rest[1]);
    }

    /** The postmaster's PID, the first line of PostgreSQL's {@code postmaster.pid}. */
    public static long postmasterPid(String pidFile) {
        String first = pidFile.strip().split("\n", 2)[0].trim();
        try {
            return Long.parseLong(first);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("postmaster.pid starts with '" + first + "', expected a PID", e);
        }
    }
}
