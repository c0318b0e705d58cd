package io.flead.localtrain.lambda;

import io.flead.model.GlobalModel;

/** The latest global model as the handler sees it at the start of a batch. */
@FunctionalInterface
interface ModelSource {

  GlobalModel latest(long nowMs);
}
