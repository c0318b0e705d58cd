package io.flead.platform.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One API request: its path parameters (from the route), query parameters and body. */
public final class Request {
    static final int MAX_BODY_BYTES = RequestGuard.MAX_BODY_BYTES;

    private final HttpExchange exchange;
    private final List<String> pathParams;
    private final QueryParams query;

    Request(HttpExchange exchange, List<String> pathParams) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
    }

    /** The i-th captured path segment of the route. */
    public String path(int i) {
        return pathParams.get(i);
    }

    public QueryParams query() {
        return query;
    }

    /** The body as UTF-8 text, at most {@link #MAX_BODY_BYTES}. */
    public String body() throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "body", "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
