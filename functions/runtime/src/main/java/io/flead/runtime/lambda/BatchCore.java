package io.flead.runtime.lambda;

import java.util.Map;

/** A function's core wired to a batch: folds the records into outputs and returns its own summary fields. */
@FunctionalInterface
public interface BatchCore {

  /**
   * Processes the batch, sending outputs through {@link Batch#send}; throws {@link PublishFailedException} when
   * something it flushed itself was not acknowledged.
   */
  Map<String, Object> process(Batch batch);
}
