package io.flead.embedded;

/** An HTTP answer from the Connect REST API: the status code and the raw body. */
public record ConnectResponse(int status, String body) {

    /** True for 2xx answers. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
