package io.flead.embedded.testing;

import io.flead.embedded.TimescaleDb;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real TimescaleDB for a test class: started once per JVM from the shared kit ({@link TimescaleDb#kitDir()}) on a
 * free port, stopped and deleted when the test run ends. Where it cannot run (no kit, not root or no runuser, the
 * extension not installed or not loadable) the class is skipped, and reported skipped, with a message naming what is
 * missing. Register it as a static field ({@code @RegisterExtension static final TimescaleDbExtension TIMESCALE = new
 * TimescaleDbExtension();}) and read {@link #server()} from {@code @BeforeAll}, or take a {@link TimescaleDb} parameter.
 */
public final class TimescaleDbExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TimescaleDbExtension.class);
    private static final String SKIPPED = "TimescaleDB variant skipped: ";

    private TimescaleDb server;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Started started = started(context);
        return started.server() != null ? ConditionEvaluationResult.enabled("TimescaleDB on port " + started.server().port())
                : ConditionEvaluationResult.disabled(SKIPPED + started.missing());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = shared(context);
    }

    /** The JVM's TimescaleDB, started by the first class that asks. */
    public static TimescaleDb shared(ExtensionContext context) {
        Started started = started(context);
        if (started.server() == null) {
            throw new IllegalStateException(SKIPPED + started.missing());
        }
        return started.server();
    }

    private static Started started(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, k -> start(TimescaleDb.kitDir()),
                Started.class);
    }

    /**
     * Starts the server, or says why this machine cannot: an installed extension that PostgreSQL cannot load (built for
     * a later PostgreSQL 15 minor release than the one installed) is such a machine, not a failure of the test.
     */
    private static Started start(Path kit) {
        Optional<String> missing = TimescaleDb.unavailable(kit);
        if (missing.isPresent()) {
            return new Started(null, missing.get());
        }
        try {
            return new Started(TimescaleDb.startTemporary(kit), null);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("could not load library")) {
                return new Started(null, "the installed extension does not load into this PostgreSQL 15 (the kit needs "
                        + "a later minor release: apt-get install --only-upgrade postgresql-15): " + e.getMessage());
            }
            throw e;
        }
    }

    /** The server, once {@link #beforeAll} has run. */
    public TimescaleDb server() {
        if (server == null) {
            throw new IllegalStateException("TimescaleDbExtension has not run its beforeAll yet");
        }
        return server;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TimescaleDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The server or why there is none; closed by JUnit when the root context closes, at the end of the run. */
    private record Started(TimescaleDb server, String missing) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
