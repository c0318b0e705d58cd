package io.flead.fedavg.core;

import io.flead.model.GlobalModel;

/** The outcome of closing a round: the new global model and the buffer for the next round. */
public record RoundResult(GlobalModel global, RoundBuffer next) {
}
