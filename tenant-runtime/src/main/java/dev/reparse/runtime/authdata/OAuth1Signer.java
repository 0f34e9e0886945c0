package dev.reparse.runtime.authdata;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a request with OAuth 1.0a HMAC-SHA1 (RFC 5849) for a consumer and a user's token. */
final class OAuth1Signer {
    private final Clock clock;
    private final RandomGenerator random;

    /** One consumer and user token pair. */
    record Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret) {
    }

    OAuth1Signer(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** The {@code Authorization} header value for that request. */
    String authorization(String method, URI uri, Credentials credentials) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", credentials.consumerKey());
        oauth.put("oauth_nonce", HexFormat.of().formatHex(nonce));
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
        oauth.put("oauth_token", credentials.token());
        oauth.put("oauth_version", "1.0");
        String signature = sign(baseString(method, uri, oauth),
                encode(credentials.consumerSecret()) + "&" + encode(credentials.tokenSecret()));
        oauth.put("oauth_signature", signature);
        return "OAuth " + oauth.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=\"" + encode(entry.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    /** RFC 5849 §3.4.1: method, base URI, then every query and oauth parameter, encoded and sorted. */
    static String baseString(String method, URI uri, Map<String, String> oauthParameters) {
        List<String> pairs = new ArrayList<>();
        oauthParameters.forEach((key, value) -> pairs.add(encode(key) + "=" + encode(value)));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                pairs.add(encode(decode(kv[0])) + "=" + encode(kv.length > 1 ? decode(kv[1]) : ""));
            }
        }
        pairs.sort(null);
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUri(uri)) + "&" + encode(String.join("&", pairs));
    }

    private static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = uri.getPort() == -1 || ("http".equals(scheme) && uri.getPort() == 80)
                || ("https".equals(scheme) && uri.getPort() == 443);
        String host = uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + uri.getPort());
        return scheme + "://" + host + uri.getRawPath();
    }

    private static String sign(String baseString, String key) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** RFC 3986 percent-encoding, which differs from form encoding in space, {@code *} and {@code ~}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
