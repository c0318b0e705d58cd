package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void aPasswordParameterIsMaskedWhereverItStands() {
        assertThat(JdbcUrls.masked("jdbc:postgresql://db:5432/flead?user=flead&password=s3cr&t-x&ssl=true"))
            .isEqualTo("jdbc:postgresql://db:5432/flead?user=flead&password=***&t-x&ssl=true")
            .doesNotContain("s3cr");
        assertThat(JdbcUrls.masked("jdbc:postgresql://db/flead?PASSWORD=hunter2")).isEqualTo(
            "jdbc:postgresql://db/flead?PASSWORD=***");
    }

    @Test
    void userInfoPasswordIsMaskedAndAUrlWithoutOneIsUnchanged() {
        assertThat(JdbcUrls.masked("jdbc:postgresql://flead:hunter2@db:5432/flead"))
            .isEqualTo("jdbc:postgresql://flead:***@db:5432/flead");
        String plain = "jdbc:postgresql://localhost:15432/postgres?user=postgres";
        assertThat(JdbcUrls.masked(plain)).isEqualTo(plain);
    }
}
