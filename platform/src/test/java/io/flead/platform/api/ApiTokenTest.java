package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenTest {
    @Test
    void generatedTokensAreUrlSafe256BitSecretsThatDiffer() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String t = ApiToken.generate(random).reveal();
            assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
            seen.add(t);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void onlyTheBearerHeaderWithTheSameTokenIsAdmitted() {
        ApiToken token = ApiToken.parse("a".repeat(20) + "B_-9" + "z".repeat(20), "test");
        String value = token.reveal();
        assertThat(token.admits("Bearer " + value)).isTrue();
        assertThat(token.admits("bearer " + value)).as("the scheme is case-insensitive").isTrue();
        assertThat(token.admits("Bearer " + value + "x")).isFalse();
        assertThat(token.admits("Bearer " + value.substring(1))).isFalse();
        assertThat(token.admits("Bearer " + value.toUpperCase())).isFalse();
        assertThat(token.admits("Basic " + value)).isFalse();
        assertThat(token.admits(value)).isFalse();
        assertThat(token.admits("Bearer ")).isFalse();
        assertThat(token.admits(null)).isFalse();
    }

    @Test
    void aBadTokenIsRefusedNamingItsSourceButNeverQuotingIt() {
        assertThatThrownBy(() -> ApiToken.parse("short-secret", "FLEAD_API_TOKEN"))
            .hasMessageContaining("FLEAD_API_TOKEN").hasMessageContaining("12 characters").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> ApiToken.parse("x".repeat(40) + " y", "FLEAD_API_TOKEN")).hasMessageContaining("32-256");
        assertThatThrownBy(() -> ApiToken.parse(null, "FLEAD_API_TOKEN")).hasMessageContaining("0 characters");
        assertThat(ApiToken.parse("  " + "f".repeat(64) + "\n", "file").reveal()).isEqualTo("f".repeat(64));
        assertThat(ApiToken.parse("f".repeat(64), "file").toString()).doesNotContain("ffff");
    }
}
