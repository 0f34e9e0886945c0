package dev.reparse.controlplane.apps;

import java.util.Optional;

/** The {@code serverURL} of an app: where its SDKs and Parse Dashboard reach its Parse API, through the router. */
final class ServerUrls {
    private static final String SUBDOMAIN = "{subdomain}";
    private static final String MOUNT = "/parse";

    private ServerUrls() {
    }

    /**
     * {@code publicApiUrl} with the app's subdomain put in when it names one; without it, the local router's URL. A
     * router listening on every interface ({@code 0.0.0.0}, {@code ::}) is reached as {@code localhost}; one with no
     * port (0: local mode starts none) leaves the URL unknown.
     */
    static String of(Optional<String> publicApiUrl, String localHost, int localPort, String subdomain) {
        if (publicApiUrl.isPresent() && !publicApiUrl.get().isBlank()) {
            String url = publicApiUrl.get().strip().replaceAll("/+$", "");
            return url.contains(SUBDOMAIN) ? url.replace(SUBDOMAIN, subdomain == null ? "" : subdomain) : url;
        }
        if (localPort <= 0) {
            return null;
        }
        return "http://" + hostOf(localHost) + ":" + localPort + MOUNT;
    }

    private static String hostOf(String host) {
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
