package io.flead.fedavg.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flead.model.ClassMoments;
import io.flead.model.Eval;
import java.util.Arrays;

/**
 * What aggregation remembers of a published version: its parameters (weights then bias; empty for a version without
 * weights), so that a later update trained from it contributes its change relative to it, and the running
 * evaluation of that version's own model, summed over every accepted update trained from it.
 *
 * @param weighted whether the version had trained weights (its evaluations then carry margin histograms)
 * @param updates accepted updates whose evaluations {@code eval} sums
 * @param classMoments on version 0's record, the class moments pooled so far from the updates trained from versions
 *                     without weights, whose discriminant became the first weighted version (null elsewhere)
 * @param discriminant whether the version's parameters came from the discriminant of class moments alone (no trained
 *                     update moved them): its margins then say little about those of a trained model
 * @param serverState the server optimiser's state after this version (null without a server optimiser, or on a
 *                    record written before it had one): the next version's step starts from it
 */
public record VersionRecord(@JsonProperty("version") long version, @JsonProperty("parameters") double[] parameters,
                            @JsonProperty("weighted") boolean weighted, @JsonProperty("updates") long updates,
                            @JsonProperty("eval") Eval eval, @JsonProperty("applied") double[] applied,
                            @JsonProperty("applied_weight") double appliedWeight,
                            @JsonProperty("class_moments") ClassMoments classMoments,
                            @JsonProperty("discriminant") boolean discriminant,
                            @JsonProperty("server_state") ServerState serverState) {

    public VersionRecord {
        parameters = parameters == null ? new double[0] : parameters;
        eval = eval == null ? Eval.EMPTY : eval;
        applied = applied == null ? new double[0] : applied;
    }

    /** A version just published, with no evaluation yet. */
    static VersionRecord published(long version, double[] parameters, boolean weighted) {
        return published(version, parameters, weighted, false);
    }

    /** A version just published, with no evaluation yet, whose parameters may be a discriminant alone. */
    static VersionRecord published(long version, double[] parameters, boolean weighted, boolean discriminant) {
        return published(version, parameters, weighted, discriminant, null);
    }

    /** As {@link #published(long, double[], boolean, boolean)}, with the server optimiser's state after it. */
    static VersionRecord published(long version, double[] parameters, boolean weighted, boolean discriminant,
                                   ServerState serverState) {
        return new VersionRecord(version, parameters, weighted, 0, Eval.EMPTY, null, 0, null, discriminant,
            serverState);
    }

    /** This record with {@code more} evaluations of the same version added. */
    VersionRecord plus(long moreUpdates, Eval more) {
        return new VersionRecord(version, parameters, weighted, updates + moreUpdates, eval.plus(more), applied,
            appliedWeight, classMoments, discriminant, serverState);
    }

    /**
     * This record with the running weighted mean of the changes its updates made ({@code applied}, d + 1 values) and
     * their total weight: what aggregation has applied to the model on this version's behalf so far.
     */
    VersionRecord withApplied(double[] mean, double weight) {
        return new VersionRecord(version, parameters, weighted, updates, eval, mean, weight, classMoments, discriminant,
            serverState);
    }

    /** As {@link #withApplied(double[], double)}, with the class moments pooled so far from updates on this version. */
    VersionRecord withApplied(double[] mean, double weight, ClassMoments pooled) {
        return new VersionRecord(version, parameters, weighted, updates, eval, mean, weight, pooled, discriminant,
            serverState);
    }

    /** The running mean of the changes applied on this version's behalf ({@code d + 1} zeros before any). */
    @JsonIgnore
    double[] appliedVector(int d) {
        return applied.length == d + 1 ? applied : new double[d + 1];
    }

    /** The parameters as a vector of {@code d + 1} values (zeros for a version without weights). */
    @JsonIgnore
    double[] parameterVector(int d) {
        return parameters.length == d + 1 ? parameters : new double[d + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRecord r && version == r.version && Arrays.equals(parameters, r.parameters)
            && weighted == r.weighted && updates == r.updates && eval.equals(r.eval) && Arrays.equals(applied, r.applied)
            && Double.compare(appliedWeight, r.appliedWeight) == 0 && java.util.Objects.equals(classMoments, r.classMoments)
            && discriminant == r.discriminant && java.util.Objects.equals(serverState, r.serverState);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + Long.hashCode(updates);
    }
}
