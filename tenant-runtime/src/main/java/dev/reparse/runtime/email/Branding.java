package dev.reparse.runtime.email;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an app presents itself in its mails and pages.
 *
 * @param appName the name users know the app by (parse.com's %appname%)
 * @param color the accent color of the pages, {@code #rgb} or {@code #rrggbb}
 * @param logoUrl an http(s) image shown on the pages
 */
public record Branding(String appName, String color, Optional<URI> logoUrl) {
    private static final Pattern HEX_COLOR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    public static final String DEFAULT_COLOR = "#169cee";

    public Branding {
        if (appName == null || appName.isBlank()) {
            throw new IllegalArgumentException("the app's display name must not be blank");
        }
        // the color goes into a style sheet: only a plain hex color can not escape it
        if (color == null || !HEX_COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("the branding color must be #rgb or #rrggbb, got " + color);
        }
        Objects.requireNonNull(logoUrl, "logoUrl");
        logoUrl.ifPresent(Branding::requireHttp);
    }

    /** Branding from configured strings; an absent color is parse.com's blue. */
    public static Branding of(String appName, Optional<String> color, Optional<String> logoUrl) {
        return new Branding(appName, color.orElse(DEFAULT_COLOR), logoUrl.map(URI::create));
    }

    private static void requireHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the logo URL must be http(s), got " + uri);
        }
    }
}
