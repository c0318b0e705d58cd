package io.flead.fedavg.streams;

import io.flead.model.GlobalModel;
import io.flead.model.UpdateAck;
import java.util.List;

/** What a round command produced inside the topology: the reply, and the new model and acknowledgements when a round closed. */
record RoundOutcome(GlobalModel model, RoundReply reply, List<UpdateAck> acks) {
}
