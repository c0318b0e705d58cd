package io.flead.model;

/** A message that cannot be decoded; the message names the offending field. */
public final class MessageFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
