package io.flead.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SinkTargetTest {

    @Test
    void defaultsToPlainPostgresWithUnsuffixedMetrics() {
        SinkTarget target = SinkTarget.parse(new String[] {"--records", "1000"});
        assertThat(target.kind()).isEqualTo(SinkTarget.Kind.POSTGRES);
        assertThat(target.timescale()).isFalse();
        assertThat(target.suffix()).isEmpty();
        assertThat(target.jdbcUrl()).isNull();
    }

    @Test
    void timescaleDbTargetSuffixesMetricsAndTakesAnOptionalServer() {
        SinkTarget started = SinkTarget.parse(new String[] {"--target", "TimescaleDB", "--records", "1000"});
        assertThat(started.kind()).isEqualTo(SinkTarget.Kind.TIMESCALEDB);
        assertThat(started.suffix()).isEqualTo(".timescaledb");
        assertThat(started.jdbcUrl()).isNull();
        SinkTarget given = SinkTarget.parse(new String[] {"--target", "timescaledb", "--jdbc-url",
            "jdbc:postgresql://127.0.0.1:5433/flead", "--db-user", "bench"});
        assertThat(given.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/flead");
        assertThat(given.user()).isEqualTo("bench");
    }

    @Test
    void badValuesAreNamedWithTheirOption() {
        assertThatThrownBy(() -> SinkTarget.parse(new String[] {"--target", "mysql"}))
            .hasMessage("Invalid value 'mysql' for option '--target': must be postgres or timescaledb");
        assertThatThrownBy(() -> SinkTarget.parse(new String[] {"--target", "timescaledb", "--jdbc-url", "localhost:5432"}))
            .hasMessage("Invalid value 'localhost:5432' for option '--jdbc-url': must be a jdbc:postgresql:// URL");
        assertThatThrownBy(() -> SinkTarget.parse(new String[] {"--jdbc-url", "jdbc:postgresql://h/db"}))
            .hasMessageContaining("for option '--jdbc-url'").hasMessageContaining("needs --target timescaledb");
        assertThatThrownBy(() -> SinkTarget.parse(new String[] {"--target"}))
            .hasMessage("Option '--target' needs a value");
    }
}
