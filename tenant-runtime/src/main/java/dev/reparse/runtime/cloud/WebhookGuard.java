package dev.reparse.runtime.cloud;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps webhooks off the platform's own network: a URL must be http(s), and its host must not be, or resolve
 * to, a loopback, private, link-local (169.254.169.254, the cloud metadata service), unique-local or otherwise
 * internal address, unless the operator allowed that host. Checked when a hook is saved and on every call and
 * redirect; the JVM caches the lookup it checked (networkaddress.cache.ttl), so the connection that follows
 * uses the same answer.
 */
final class WebhookGuard {
    private final Set<String> allowedHosts;

    WebhookGuard(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(WebhookGuard::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** The URL, parsed; 143 when it is not an http(s) URL or points inside. */
    URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw refused("invalid webhook URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw refused("a webhook URL must be an http or https URL: " + url);
        }
        String host = normalize(uri.getHost());
        if (allowedHosts.contains(host)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw refused("the webhook host " + host + " could not be resolved");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                throw refused("webhook URLs may not point to a private, loopback or link-local address (" + host
                        + " is " + address.getHostAddress() + ")");
            }
        }
        return uri;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || first == 127 || (first == 100 && second >= 64 && second < 128)
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            boolean mappedOrCompatible = isZero(bytes, 0, 10) && ((bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff
                    || isZero(bytes, 10, 12));
            if (mappedOrCompatible) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String normalize(String host) {
        String trimmed = host.trim().toLowerCase(Locale.ROOT);
        return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static ParseException refused(String message) {
        return new ParseException(ParseErrorCode.WEBHOOK_ERROR, message);
    }
}
