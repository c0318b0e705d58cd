package io.flead.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The evaluation of one global version: the confusion counts of that version's own model on fresh device windows it
 * had not trained on, summed over every accepted update that was trained from it so far. A global model carries the
 * evaluation of the newest version its round's updates were based on, so that an F1 always names the model that
 * scored the rows; a model with no such evidence carries none (never a 0).
 *
 * @param version the evaluated (base) version
 * @param updates how many accepted updates' windows the counts sum
 */
public record VersionEvaluation(long version, long updates, Eval counts) {

    public VersionEvaluation {
        Require.nonNull(counts, "evaluation");
    }

    @JsonCreator
    static VersionEvaluation fromJson(@JsonProperty(value = "version", required = true) long version,
                                      @JsonProperty(value = "updates", required = true) long updates,
                                      @JsonProperty(value = "tp", required = true) long tp,
                                      @JsonProperty(value = "fp", required = true) long fp,
                                      @JsonProperty(value = "tn", required = true) long tn,
                                      @JsonProperty(value = "fn", required = true) long fn) {
        return new VersionEvaluation(version, updates, Eval.counts(tp, fp, tn, fn));
    }

    @JsonProperty("version")
    public long version() {
        return version;
    }

    @JsonProperty("updates")
    public long updates() {
        return updates;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public Eval counts() {
        return counts;
    }

    @JsonProperty("tp")
    public long tp() {
        return counts.tp();
    }

    @JsonProperty("fp")
    public long fp() {
        return counts.fp();
    }

    @JsonProperty("tn")
    public long tn() {
        return counts.tn();
    }

    @JsonProperty("fn")
    public long fn() {
        return counts.fn();
    }

    @JsonProperty("precision")
    public double precision() {
        return counts.precision();
    }

    @JsonProperty("recall")
    public double recall() {
        return counts.recall();
    }

    @JsonProperty("f1")
    public double f1() {
        return counts.f1();
    }

    /** Labelled rows the counts cover. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public long rows() {
        return counts.total();
    }
}
