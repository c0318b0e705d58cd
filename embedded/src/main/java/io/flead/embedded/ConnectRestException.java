package io.flead.embedded;

/** A Connect REST call answered with an error status; carries the status and Connect's own message. */
public final class ConnectRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String connectMessage;

    public ConnectRestException(String request, int status, String connectMessage) {
        super(request + " answered " + status + ": " + connectMessage);
        this.status = status;
        this.connectMessage = connectMessage;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The {@code message} field of Connect's error body, or the raw body when it has none. */
    public String connectMessage() {
        return connectMessage;
    }
}
