package io.flead.connect.timescale.core;

/** What a failed statement means for the sink, decided from its SQLState. */
public enum SqlFailure {
    /**
     * Connection lost, serialization failure, deadlock, shutdown, a statement cancelled by {@code statement_timeout}:
     * back off, reconnect and retry.
     */
    TRANSIENT,
    /** A row with the same natural key already exists (redelivery): rewrite the batch as an upsert. */
    DUPLICATE_KEY,
    /**
     * Some record's data is bad (data exception, other constraint violation, or a program limit such as an index row
     * or a row too large, too many columns, a value nested too deeply): split the batch to find it.
     */
    BAD_DATA,
    /** Anything else (permissions, missing objects, syntax): the task must stop. */
    FATAL;

    /** Classifies a SQLState (null, as for I/O failures without one, counts as transient). */
    public static SqlFailure of(String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return TRANSIENT;
        }
        if (sqlState.startsWith("08") || sqlState.equals("40001") || sqlState.equals("40P01")
                || sqlState.startsWith("57P") || sqlState.equals("57014") || sqlState.equals("53300")
                || sqlState.equals("55P03")) {
            return TRANSIENT;
        }
        if (sqlState.equals("23505")) {
            return DUPLICATE_KEY;
        }
        if (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.startsWith("54")) {
            return BAD_DATA;
        }
        return FATAL;
    }
}
