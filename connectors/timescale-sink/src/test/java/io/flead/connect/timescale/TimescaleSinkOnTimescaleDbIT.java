package io.flead.connect.timescale;

import io.flead.embedded.testing.TimescaleDbExtension;
import java.io.IOException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SinkITCases} on a real TimescaleDB 2.28: hypertables. */
class TimescaleSinkOnTimescaleDbIT extends SinkITCases {
    @RegisterExtension
    static final TimescaleDbExtension TIMESCALE = new TimescaleDbExtension();

    @Override
    SinkFixture startFixture(String prefix) throws IOException {
        return SinkFixture.withOwnStack(prefix, TIMESCALE.server());
    }
}
