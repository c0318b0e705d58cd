package io.flead.connect.timescale;

import java.io.IOException;

/** {@link SinkOutageCases} on PostgreSQL 17 (zonky). */
class SinkOutageIT extends SinkOutageCases {
    @Override
    SinkFixture startFixture(String prefix) throws IOException {
        return SinkFixture.withOwnStack(prefix);
    }
}
