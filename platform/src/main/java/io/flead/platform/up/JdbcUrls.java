package io.flead.platform.up;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: a password in the URL (a {@code password} parameter or user info) is masked. */
public final class JdbcUrls {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-z0-9]+://[^:/@?]+):[^@/?]*@");

    private JdbcUrls() {
    }

    /** {@code url} with any password replaced by {@code ***}. */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        String out = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceFirst("$1:***@");
    }
}
