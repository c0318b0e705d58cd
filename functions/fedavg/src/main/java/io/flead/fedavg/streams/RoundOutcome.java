package io.flead.fedavg.streams;

import io.flead.model.GlobalModel;

/** What a round command produced inside the topology: the reply, and the new model when a round closed. */
record RoundOutcome(GlobalModel model, RoundReply reply) {
}
