package io.flead.platform.grafana;

import io.flead.embedded.EmbeddedPostgres;
import io.flead.embedded.testing.TimescaleDbExtension;
import io.flead.platform.analytics.MinuteAggregates;
import io.flead.platform.up.UpOptions;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DashboardQueriesCases} on a real TimescaleDB 2.28 ({@code flead up --jdbc-url}): hypertables. */
class DashboardQueriesOnTimescaleDbIT extends DashboardQueriesCases {
    @RegisterExtension
    static final TimescaleDbExtension TIMESCALE = new TimescaleDbExtension();

    @Override
    UpOptions database(UpOptions options) {
        return options.withDatabase(TIMESCALE.server().createDatabase("dashboard_queries_it"), EmbeddedPostgres.USER, null);
    }

    @Override
    MinuteAggregates.Kind expectedMinuteAggregates() {
        return MinuteAggregates.Kind.CONTINUOUS_AGGREGATES;
    }
}
