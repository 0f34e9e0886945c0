package dev.reparse.runtime.authdata;

import static dev.reparse.runtime.authdata.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Twitter's OAuth 1.0a credential check and RFC 7662 token introspection, against local servers that
 * verify the signature and the introspection client's credentials themselves.
 */
class TokenServicesIntegrationTest {
    private static final String VERIFY = "/1.1/account/verify_credentials.json";
    private static final String CONSUMER_KEY = "ck";
    private static final String CONSUMER_SECRET = "cs&secret";
    /** user token → its secret and the user's id */
    private static final Map<String, List<String>> TWITTER_TOKENS = Map.of("tok-1", List.of("tok secret", "2244994945"));
    private static final String INTROSPECT = "/oauth2/introspect";
    private static final String CLIENT_AUTH = "Basic cmVwYXJzZTpzZWNyZXQ=";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final Set<String> seenNonces = ConcurrentHashMap.newKeySet();
    private FakeProvider twitter;
    private FakeProvider oauth;
    private ProviderHttp http;
    private AuthDataRegistry registry;

    @BeforeEach
    void start() {
        twitter = new FakeProvider().route(VERIFY, this::verifyCredentials);
        oauth = new FakeProvider().route(INTROSPECT, TokenServicesIntegrationTest::introspect);
        http = new ProviderHttp(Duration.ofSeconds(2));
        OAuth1Signer signer = new OAuth1Signer(clock, new SecureRandom());
        registry = new AuthDataRegistry(Map.of(
                "twitter", new TwitterValidator(twitter.url(), Optional.of(CONSUMER_KEY), Optional.of(CONSUMER_SECRET),
                        signer, http),
                "corp", introspection(Optional.of("sub"), Optional.of("client_id"), List.of("our-client")),
                "plain", introspection(Optional.empty(), Optional.empty(), List.of()),
                "misconfigured", introspection(Optional.empty(), Optional.of("client_id"), List.of())), () -> { });
    }

    @AfterEach
    void stop() {
        http.close();
        twitter.close();
        oauth.close();
    }

    private IntrospectionValidator introspection(Optional<String> useridField, Optional<String> appidField,
            List<String> appIds) {
        return new IntrospectionValidator(new IntrospectionValidator.Settings(URI.create(oauth.url() + INTROSPECT),
                Optional.of(CLIENT_AUTH), useridField, appidField, appIds), http);
    }

    @Test
    void acceptsTwitterTokenWhoseSignatureVerifies() {
        assertDoesNotThrow(() -> registry.validate("twitter",
                Map.of("id", "2244994945", "auth_token", "tok-1", "auth_token_secret", "tok secret")));
    }

    @Test
    void refusesTwitterTokenWithWrongSecretOrOfAnotherUser() {
        assertRefused(101, "Twitter auth is invalid for this user.", () -> registry.validate("twitter",
                Map.of("id", "2244994945", "auth_token", "tok-1", "auth_token_secret", "guessed")));
        assertRefused(101, "Twitter auth is invalid for this user.", () -> registry.validate("twitter",
                Map.of("id", "1", "auth_token", "tok-1", "auth_token_secret", "tok secret")));
        assertEquals(2, twitter.calls(VERIFY));
        assertRefused(101, "Twitter auth is invalid for this user.",
                () -> registry.validate("twitter", Map.of("id", "1", "auth_token", "tok-1")));
    }

    @Test
    void acceptsActiveIntrospectedTokenOfThisUserAndClient() {
        assertDoesNotThrow(() -> registry.validate("corp", Map.of("id", "u-1", "access_token", "good")));
        assertDoesNotThrow(() -> registry.validate("corp", Map.of("id", "u-1", "access_token", "good-multi-aud")));
        assertDoesNotThrow(() -> registry.validate("plain", Map.of("id", "anyone", "access_token", "good")));
    }

    @Test
    void refusesInactiveTokenOtherUserOtherClient() {
        assertRefused(101, "OAuth2 access token is invalid for this user.",
                () -> registry.validate("corp", Map.of("id", "u-1", "access_token", "revoked")));
        assertRefused(101, "OAuth2 access token is invalid for this user.",
                () -> registry.validate("corp", Map.of("id", "u-2", "access_token", "good")));
        assertRefused(101, "OAuth2: the access_token's appID is empty or is not in the list of permitted appIDs in the"
                + " auth configuration.", () -> registry.validate("corp", Map.of("id", "u-1", "access_token", "theirs")));
        assertRefused(101, "OAuth2 configuration is missing the client app IDs (\"appIds\" config parameter).",
                () -> registry.validate("misconfigured", Map.of("id", "u-1", "access_token", "good")));
    }

    @Test
    void refusesWhenIntrospectionEndpointIsDown() {
        oauth.close();
        assertRefused(101, "OAuth2 access token is invalid for this user.",
                () -> registry.validate("corp", Map.of("id", "u-1", "access_token", "good")));
    }

    /** Introspection as an authorization server answers it: only to its known client, per token. */
    private static FakeProvider.Answer introspect(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod()) || !CLIENT_AUTH.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return FakeProvider.Answer.status(401);
        }
        String token = FakeProvider.form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                .get("token");
        return FakeProvider.Answer.ok(switch (token == null ? "" : token) {
            case "good" -> Map.of("active", true, "sub", "u-1", "client_id", "our-client");
            case "good-multi-aud" -> Map.of("active", true, "sub", "u-1", "client_id", List.of("x", "our-client"));
            case "theirs" -> Map.of("active", true, "sub", "u-1", "client_id", "their-client");
            default -> Map.of("active", false);
        });
    }

    /** Twitter's side of OAuth 1.0a: recomputes the HMAC-SHA1 signature from the request and the secrets it holds. */
    private FakeProvider.Answer verifyCredentials(HttpExchange exchange) {
        Map<String, String> oauth = oauthParameters(exchange.getRequestHeaders().getFirst("Authorization"));
        List<String> user = TWITTER_TOKENS.get(oauth.get("oauth_token"));
        if (user == null || !CONSUMER_KEY.equals(oauth.get("oauth_consumer_key"))
                || !"HMAC-SHA1".equals(oauth.get("oauth_signature_method")) || !seenNonces.add(oauth.get("oauth_nonce"))
                || Math.abs(Long.parseLong(oauth.get("oauth_timestamp")) - clock.instant().getEpochSecond()) > 300) {
            return FakeProvider.Answer.status(401);
        }
        String base = "GET&" + rfc3986(twitter.url() + VERIFY) + "&" + rfc3986(new TreeMap<>(oauth).entrySet().stream()
                .filter(entry -> !entry.getKey().equals("oauth_signature"))
                .map(entry -> rfc3986(entry.getKey()) + "=" + rfc3986(entry.getValue()))
                .collect(Collectors.joining("&")));
        String expected = hmacSha1(rfc3986(CONSUMER_SECRET) + "&" + rfc3986(user.get(0)), base);
        return expected.equals(oauth.get("oauth_signature"))
                ? FakeProvider.Answer.ok(Map.of("id", Long.parseLong(user.get(1)), "id_str", user.get(1)))
                : FakeProvider.Answer.status(401);
    }

    private static Map<String, String> oauthParameters(String header) {
        Map<String, String> parameters = new TreeMap<>();
        if (header == null || !header.startsWith("OAuth ")) {
            return parameters;
        }
        Matcher matcher = Pattern.compile("([a-z_]+)=\"([^\"]*)\"").matcher(header);
        while (matcher.find()) {
            parameters.put(matcher.group(1), URLDecoder.decode(matcher.group(2).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String rfc3986(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
