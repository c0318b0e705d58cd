package io.flead.fedavg.core;

import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import java.util.List;

/**
 * The outcome of closing a round: the new global model (null when the round accepted no update, so no version is
 * published; the rejections then carry over to the next version), the buffer for the next round, the updates the
 * version was made from, and the updates of the round rejected only at its close (against the model it closed on).
 */
public record RoundResult(GlobalModel global, RoundBuffer next, List<LocalModelUpdate> accepted,
                          List<Rejection> rejectedAtClose) {

    /** True when a version was published. */
    public boolean published() {
        return global != null;
    }
}
