package io.flead.runtime.lambda;

import io.flead.model.GlobalModel;

/** The latest global model as the handler sees it at the start of a batch. */
@FunctionalInterface
public interface ModelSource {

  GlobalModel latest(long nowMs);
}
