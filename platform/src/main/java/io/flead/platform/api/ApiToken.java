package io.flead.platform.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The bearer token that opens the REST API: random URL-safe text of at least 128 bits, compared in constant time.
 * {@code flead up} generates one per work dir; the standalone API takes it from {@code FLEAD_API_TOKEN}.
 */
public final class ApiToken {
    /** What a token may be: URL-safe (it travels in a URL fragment) and long enough to be a secret. */
    static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{32,256}");
    static final String RULE = "32-256 characters of A-Z a-z 0-9 _ - (e.g. the output of: openssl rand -hex 32)";
    /** 256 bits, 43 characters of base64url. */
    static final int GENERATED_BYTES = 32;

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** A new random token. */
    public static ApiToken generate(SecureRandom random) {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return new ApiToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A token given as text; {@code source} names where it came from for the error, which never quotes the text (it
     * is a secret).
     */
    public static ApiToken parse(String text, String source) {
        String t = text == null ? "" : text.strip();
        if (!FORMAT.matcher(t).matches()) {
            throw new IllegalArgumentException("Invalid API token in " + source + " (" + t.length()
                + " characters): must be " + RULE);
        }
        return new ApiToken(t);
    }

    /** Whether an {@code Authorization} header carries this token ({@code Bearer <token>}), in constant time. */
    public boolean admits(String authorization) {
        if (authorization == null || authorization.length() < 7
            || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret itself, for the one place that shows it (the banner of {@code flead up}) and the token file. */
    public String reveal() {
        return value;
    }

    /** Never the secret: settings and tokens may end up in log lines. */
    @Override
    public String toString() {
        return "ApiToken[***]";
    }
}
