package io.flead.platform.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a method and a path to its endpoint; {@code {name}} in a route captures one path segment. */
public final class Router {
    /** An endpoint: returns the value to send as JSON (a {@link Reply} to choose the status). */
    @FunctionalInterface
    public interface Endpoint {
        Object handle(Request request) throws Exception;
    }

    /** A JSON answer with a status other than 200. */
    public record Reply(int status, Object body) {
    }

    /** A non-JSON answer (an SVG file). */
    public record Raw(String contentType, byte[] body) {
    }

    record Route(String method, Pattern pattern, Endpoint endpoint) {
    }

    /** The matched endpoint with its captured segments, or a 405 when only the method differs. */
    record Match(Endpoint endpoint, List<String> params, boolean methodMismatch) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String path, Endpoint endpoint) {
        String regex = path.replaceAll("\\{[a-z_]+}", "([^/]+)");
        routes.add(new Route(method, Pattern.compile(regex), endpoint));
        return this;
    }

    Optional<Match> match(String method, String path) {
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (m.matches()) {
                if (!r.method().equals(method)) {
                    pathKnown = true;
                    continue;
                }
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(m.group(i));
                }
                return Optional.of(new Match(r.endpoint(), params, false));
            }
        }
        return pathKnown ? Optional.of(new Match(null, List.of(), true)) : Optional.empty();
    }

    /** The methods and paths routed, for the 404 answer. */
    List<String> describe() {
        return routes.stream().map(r -> r.method() + " " + r.pattern().pattern().replace("([^/]+)", "{…}")).toList();
    }
}
