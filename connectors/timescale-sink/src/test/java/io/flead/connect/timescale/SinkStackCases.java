package io.flead.connect.timescale;

import io.flead.embedded.EmbeddedStack;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Cases that run on a stack of their own (broker, Connect worker loading target/plugin) and a database the sink
 * writes to, the database given by the concrete class: zonky's PostgreSQL or a real TimescaleDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SinkStackCases {
    private final String prefix;

    EmbeddedStack stack;
    SinkFixture fx;

    SinkStackCases(String prefix) {
        this.prefix = prefix;
    }

    /** A stack of its own and the database the sink writes to. */
    abstract SinkFixture startFixture(String prefix) throws IOException;

    @BeforeAll
    void startStack() throws IOException {
        fx = startFixture(prefix);
        stack = fx.stack;
    }

    @AfterAll
    void stopStack() {
        if (fx != null) {
            fx.close();
        }
    }
}
