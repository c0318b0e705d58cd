package io.flead.platform.grafana;

import io.flead.platform.analytics.MinuteAggregates;
import io.flead.platform.up.UpOptions;

/** {@link DashboardQueriesCases} on flead up's own PostgreSQL 17 (zonky): plain tables. */
class DashboardQueriesIT extends DashboardQueriesCases {
    @Override
    UpOptions database(UpOptions options) {
        return options;
    }

    @Override
    MinuteAggregates.Kind expectedMinuteAggregates() {
        return MinuteAggregates.Kind.DATE_BIN_VIEWS;
    }
}
