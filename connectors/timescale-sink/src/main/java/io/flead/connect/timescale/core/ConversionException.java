package io.flead.connect.timescale.core;

/** A record whose value cannot become a row; the message names the record and the field. */
public final class ConversionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code field} (null for the whole value) of the record at {@code ref}. */
    public ConversionException(RecordRef ref, String field, String problem) {
        super("Cannot convert record " + ref + (field == null ? "" : " field '" + field + "'") + ": " + problem);
    }
}
