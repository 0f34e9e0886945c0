package dev.reparse.router.metering;

import java.util.Locale;

/**
 * The client SDK a request came from, told by its {@code X-Parse-Client-Version} (or the JS SDK's
 * {@code _ClientVersion}): {@code js6.1.1}, {@code i1.19.0} (iOS; {@code osx}, {@code tvos}, {@code watchos} too),
 * {@code a1.26.0} (Android), {@code net...}, {@code php...}, {@code dart...}; none is a plain REST call.
 */
public enum ClientSdk {
    JS, IOS, ANDROID, DOTNET, PHP, DART, OTHER, REST;

    private static final ClientSdk[] ALL = values();
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    static ClientSdk[] all() {
        return ALL;
    }

    /** The SDK of a client version string; null or empty is {@link #REST}, anything unknown {@link #OTHER}. */
    public static ClientSdk of(String version) {
        if (version == null || version.isEmpty()) {
            return REST;
        }
        if (version.startsWith("js")) {
            return JS;
        }
        if (version.startsWith("net")) {
            return DOTNET;
        }
        if (version.startsWith("php")) {
            return PHP;
        }
        if (version.startsWith("dart") || version.startsWith("flutter")) {
            return DART;
        }
        if (version.startsWith("osx") || version.startsWith("tvos") || version.startsWith("watchos")) {
            return IOS;
        }
        char first = version.charAt(0);
        boolean numbered = version.length() > 1 && Character.isDigit(version.charAt(1));
        if (first == 'i' && numbered) {
            return IOS;
        }
        if (first == 'a' && numbered) {
            return ANDROID;
        }
        return OTHER;
    }
}
