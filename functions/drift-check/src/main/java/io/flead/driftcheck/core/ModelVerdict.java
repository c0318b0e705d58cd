package io.flead.driftcheck.core;

/**
 * What the global model in force said about one row: whether it flagged the row, and which version it was.
 *
 * <p>Page-Hinkley watches this flag, so its rate is the rate the current model produces on the device. A new
 * version may flag more or fewer rows of the same traffic; that is learning, not a device change, so the
 * detector starts the rate over whenever the version changes.
 *
 * @param anomalous    whether the model flagged the row
 * @param modelVersion version of the global model that judged it
 */
public record ModelVerdict(boolean anomalous, long modelVersion) {
}
