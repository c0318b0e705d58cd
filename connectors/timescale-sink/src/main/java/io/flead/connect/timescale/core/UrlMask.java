package io.flead.connect.timescale.core;

import java.util.regex.Pattern;

/** Masks credentials in JDBC URLs (user info and password parameters) so they can be logged. */
public final class UrlMask {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "((?:password|sslpassword|sslkey|user|sslcert|authenticationPluginClassName)=)[^&;]*",
            Pattern.CASE_INSENSITIVE);

    private UrlMask() {
    }

    /** {@code url} with user info and secret parameters replaced by {@code ***}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1***@");
        return SECRET_PARAM.matcher(masked).replaceAll("$1***");
    }

    /** {@code text} with every occurrence of {@code url} masked, for exception messages that echo the URL. */
    public static String maskIn(String text, String url) {
        if (text == null || url == null || url.isEmpty()) {
            return text;
        }
        return text.replace(url, mask(url));
    }
}
