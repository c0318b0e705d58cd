package io.flead.runtime.lambda;

/**
 * A handler's outputs were not all acknowledged by the brokers: the batch was not processed and must be retried
 * (see {@link BatchReport#failed}).
 */
public final class PublishFailedException extends IllegalStateException {

  public PublishFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
