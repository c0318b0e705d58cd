package io.flead.connect.timescale;

import io.flead.embedded.testing.TimescaleDbExtension;
import java.io.IOException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SinkOutageCases} on a real TimescaleDB 2.28, stopped and hung as zonky's PostgreSQL is. */
class SinkOutageOnTimescaleDbIT extends SinkOutageCases {
    @RegisterExtension
    static final TimescaleDbExtension TIMESCALE = new TimescaleDbExtension();

    @Override
    SinkFixture startFixture(String prefix) throws IOException {
        return SinkFixture.withOwnStack(prefix, TIMESCALE.server());
    }
}
