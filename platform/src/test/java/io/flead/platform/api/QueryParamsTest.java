package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    @Test
    void readsBoundedIntegersNamesChoicesAndLists() {
        QueryParams q = QueryParams.parse("limit=20&device=device_7&sort=-rows&features=tcp.len,tcp.ack&q=dev%20ice");
        assertThat(q.intValue("limit", 50, 1, 500)).isEqualTo(20);
        assertThat(q.intValue("page", 1, 1, 10)).isEqualTo(1);
        assertThat(q.name("device")).isEqualTo("device_7");
        assertThat(q.choice("sort", "device_id", List.of("device_id", "-rows"))).isEqualTo("-rows");
        assertThat(q.names("features", 5)).containsExactly("tcp.len", "tcp.ack");
        assertThat(q.text("q", 64)).isEqualTo("dev ice");
    }

    @Test
    void refusalsNameTheParameterAndQuoteTheValue() {
        assertRefused(() -> QueryParams.parse("limit=0").intValue("limit", 50, 1, 500), "limit", "'0'");
        assertRefused(() -> QueryParams.parse("limit=many").intValue("limit", 50, 1, 500), "limit", "'many'");
        assertRefused(() -> QueryParams.parse("device=x%27%20or%201%3D1").name("device"), "device", "'x' or 1=1'");
        assertRefused(() -> QueryParams.parse("sort=evil").choice("sort", "a", List.of("a")), "sort", "'evil'");
        assertRefused(() -> QueryParams.parse("limit=1&limit=2"), "limit", "more than once");
        assertRefused(() -> QueryParams.parse("lmit=1").allowOnly(Set.of("limit")), "lmit", "Unknown parameter");
        assertRefused(() -> QueryParams.parse("").requiredName("device"), "device", "Missing parameter");
        assertRefused(() -> QueryParams.parse("features=a,b,c").names("features", 2), "features", "at most 2");
    }

    @Test
    void rangesAreBounded() {
        assertThat(TimeRange.parse("range", "5m", Duration.ofSeconds(1), Duration.ofDays(31))).isEqualTo(Duration.ofMinutes(5));
        assertThat(TimeRange.parse("range", "1d", Duration.ofSeconds(1), Duration.ofDays(31))).isEqualTo(Duration.ofDays(1));
        assertThat(TimeRange.text(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(TimeRange.text(Duration.ofHours(2))).isEqualTo("2h");
        assertRefused(() -> TimeRange.parse("range", "5 minutes", Duration.ofSeconds(1), Duration.ofDays(31)), "range", "'5 minutes'");
        assertRefused(() -> TimeRange.parse("range", "32d", Duration.ofSeconds(1), Duration.ofDays(31)), "range", "between 1s and 31d");
    }

    private static void assertRefused(Runnable call, String parameter, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.parameter()).isEqualTo(parameter);
            assertThat(e.getMessage()).contains(parameter).contains(messagePart);
        });
    }
}
