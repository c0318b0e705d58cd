package io.flead.connect.timescale;

import java.io.IOException;

/** {@link SinkITCases} on PostgreSQL 17 (zonky): plain tables with a BRIN index on time. */
class TimescaleSinkIT extends SinkITCases {
    @Override
    SinkFixture startFixture(String prefix) throws IOException {
        return SinkFixture.withOwnStack(prefix);
    }
}
