package io.flead.connect.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.connect.health.ConnectClusterState;

/** Reads the connector config of a request, and answers 400 naming the keys when a secret is misplaced. */
final class SecretGuardFilter implements ContainerRequestFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretPlacement placement;
    private final ConnectClusterState cluster;

    SecretGuardFilter(SecretPlacement placement, ConnectClusterState cluster) {
        this.placement = placement;
        this.cluster = cluster;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        // the segments as Connect's resources see them: decoded one by one, without matrix parameters
        List<String> segments = request.getUriInfo().getPathSegments().stream().map(PathSegment::getPath)
                .filter(segment -> !segment.isEmpty()).toList();
        Optional<Map<String, String>> config = ConfigRequest.configOf(request.getMethod(), segments, parse(body),
                this::currentConfig);
        if (config.isEmpty()) {
            return;
        }
        Map<String, List<String>> problems = placement.problems(config.get());
        if (!problems.isEmpty()) {
            request.abortWith(refusal(problems));
        }
    }

    /** A body Connect cannot parse either is left for Connect to refuse. */
    private static Object parse(byte[] body) {
        try {
            return JSON.readValue(body, Object.class);
        } catch (IOException e) {
            return null;
        }
    }

    private Map<String, String> currentConfig(String connector) {
        try {
            return cluster.connectorConfig(connector);
        } catch (RuntimeException e) {
            return Map.of(); // no such connector: Connect answers the patch itself
        }
    }

    /** Connect's own error shape, {@code {"error_code": 400, "message": …}}. */
    private static Response refusal(Map<String, List<String>> problems) throws JsonProcessingException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error_code", 400);
        answer.put("message", problems.values().stream().flatMap(List::stream).collect(Collectors.joining("; ")));
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSON.writeValueAsString(answer)).build();
    }
}
