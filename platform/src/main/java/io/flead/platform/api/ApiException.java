package io.flead.platform.api;

/** A request the API refuses, with the HTTP status and, for bad input, the parameter or field it names. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String parameter;

    public ApiException(int status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    /** A 400 naming the bad parameter, quoting its value. */
    public static ApiException badParameter(String parameter, String value, String rule) {
        return new ApiException(400, parameter, "Invalid value '" + value + "' for parameter '" + parameter + "': " + rule);
    }

    public static ApiException notFound(String parameter, String message) {
        return new ApiException(404, parameter, message);
    }

    public int status() {
        return status;
    }

    /** The parameter or field at fault, or null. */
    public String parameter() {
        return parameter;
    }
}
