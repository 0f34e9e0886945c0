package dev.reparse.runtime.authdata;

import static dev.reparse.runtime.authdata.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Google and Apple ID tokens verified against a local key server publishing a real JWKS. */
class IdTokenValidationIntegrationTest {
    private static final String CLIENT_ID = "ours.apps.googleusercontent.com";
    private static final String BUNDLE_ID = "com.example.ours";
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final long LATER = NOW.plusSeconds(600).getEpochSecond();
    private static final String CERTS = "/oauth2/v3/certs";

    private static final SigningKeys GOOGLE_KEY = new SigningKeys("g1");
    private final AtomicReference<Map<String, Object>> published = new AtomicReference<>(SigningKeys.jwks(GOOGLE_KEY));
    private final MutableClock clock = new MutableClock(NOW);
    private FakeProvider keyServer;
    private ProviderHttp http;
    private AuthDataRegistry registry;

    @BeforeEach
    void start() {
        keyServer = new FakeProvider().route(CERTS, exchange -> FakeProvider.Answer.ok(published.get()));
        http = new ProviderHttp(Duration.ofSeconds(2));
        registry = registry(keyServer.url() + CERTS, List.of(CLIENT_ID));
    }

    @AfterEach
    void stop() {
        http.close();
        keyServer.close();
    }

    private AuthDataRegistry registry(String jwksUrl, List<String> clientIds) {
        JwksKeys keys = new JwksKeys(URI.create(jwksUrl), http, clock, Duration.ofHours(1), Duration.ofSeconds(30));
        return new AuthDataRegistry(Map.of(
                "google", new IdTokenValidator(ProviderSetup.googleRules(clientIds), keys, clock),
                "apple", new IdTokenValidator(ProviderSetup.appleRules(List.of(BUNDLE_ID)), keys, clock)), () -> { });
    }

    private static Map<String, Object> google(String id, String idToken) {
        return Map.of("id", id, "id_token", idToken);
    }

    @Test
    void acceptsGoogleTokenSignedByPublishedKeyForThisClient() {
        String token = GOOGLE_KEY.token(SigningKeys.claims("https://accounts.google.com", CLIENT_ID, "1001", LATER));
        assertDoesNotThrow(() -> registry.validate("google", google("1001", token)));
        String bare = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));
        assertDoesNotThrow(() -> registry.validate("google", google("1001", bare)));
    }

    @Test
    void refusesTokenIssuedToAnotherAppsClientId() {
        String token = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", "theirs.apps.googleusercontent.com",
                "1001", LATER));
        assertRefused(101, "jwt audience invalid. expected: " + CLIENT_ID,
                () -> registry.validate("google", google("1001", token)));
    }

    @Test
    void refusesTokenOfAnotherUser() {
        String token = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));
        assertRefused(101, "auth data is invalid for this user.", () -> registry.validate("google", google("666", token)));
    }

    @Test
    void refusesExpiredToken() {
        String token = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));
        clock.advance(Duration.ofSeconds(600));
        assertRefused(101, "jwt expired", () -> registry.validate("google", google("1001", token)));
    }

    @Test
    void refusesTokenSignedByAnotherKeyUnderAPublishedKeyId() {
        SigningKeys forger = new SigningKeys("g1");
        String token = forger.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));
        assertRefused(101, "invalid signature", () -> registry.validate("google", google("1001", token)));
    }

    @Test
    void refusesTokensThatPickTheirOwnAlgorithm() {
        Map<String, Object> claims = SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER);
        String hmac = GOOGLE_KEY.token(Map.of("alg", "HS256", "kid", "g1"), claims);
        assertRefused(101, "invalid algorithm", () -> registry.validate("google", google("1001", hmac)));
        String unsigned = GOOGLE_KEY.token(Map.of("alg", "none", "kid", "g1"), claims);
        String stripped = unsigned.substring(0, unsigned.lastIndexOf('.') + 1);
        assertRefused(101, "invalid algorithm", () -> registry.validate("google", google("1001", stripped)));
    }

    @Test
    void refusesTokenFromAnotherIssuer() {
        String token = GOOGLE_KEY.token(SigningKeys.claims("https://evil.example", CLIENT_ID, "1001", LATER));
        assertRefused(101, "id token not issued by correct provider - expected: accounts.google.com or "
                + "https://accounts.google.com | from: https://evil.example",
                () -> registry.validate("google", google("1001", token)));
    }

    @Test
    void refusesGarbageAndMissingTokens() {
        assertRefused(101, "provided token does not decode as JWT",
                () -> registry.validate("google", google("1001", "not.a-jwt")));
        assertRefused(101, "id token is invalid for this user.",
                () -> registry.validate("google", Map.of("id", "1001")));
    }

    @Test
    void fetchesKeySetOnceAndReusesIt() {
        String token = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));
        registry.validate("google", google("1001", token));
        registry.validate("google", google("1001", token));
        assertEquals(1, keyServer.calls(CERTS));
        clock.advance(Duration.ofMinutes(61));
        String fresh = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001",
                clock.instant().plusSeconds(600).getEpochSecond()));
        registry.validate("google", google("1001", fresh));
        assertEquals(2, keyServer.calls(CERTS), "an expired key set is fetched again");
    }

    @Test
    void refetchesKeySetForRotatedKeyButNotMoreThanOncePerInterval() {
        String old = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));
        registry.validate("google", google("1001", old));
        SigningKeys rotated = new SigningKeys("g2");
        published.set(SigningKeys.jwks(GOOGLE_KEY, rotated));
        String token = rotated.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));

        assertRefused(101, "Unable to find matching key for Key ID: g2",
                () -> registry.validate("google", google("1001", token)));
        assertEquals(1, keyServer.calls(CERTS), "no refetch within the refetch interval");

        clock.advance(Duration.ofSeconds(31));
        assertDoesNotThrow(() -> registry.validate("google", google("1001", token)));
        assertEquals(2, keyServer.calls(CERTS));
    }

    @Test
    void refusesWhenKeyServerIsDown() {
        AuthDataRegistry unreachable = registry(FakeProvider.downUrl() + CERTS, List.of(CLIENT_ID));
        String token = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));
        assertRefused(101, "Unable to find matching key for Key ID: g1",
                () -> unreachable.validate("google", google("1001", token)));
    }

    @Test
    void refusesGoogleWithoutConfiguredClientId() {
        AuthDataRegistry unconfigured = registry(keyServer.url() + CERTS, List.of());
        String token = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", CLIENT_ID, "1001", LATER));
        assertRefused(101, "Google auth is not configured.", () -> unconfigured.validate("google", google("1001", token)));
        assertEquals(0, keyServer.totalCalls());
    }

    @Test
    void acceptsAppleTokenForBundleIdAndRefusesOthers() {
        String token = GOOGLE_KEY.token(SigningKeys.claims("https://appleid.apple.com", BUNDLE_ID, "000123.abc", LATER));
        assertDoesNotThrow(() -> registry.validate("apple", Map.of("id", "000123.abc", "token", token)));

        String theirs = GOOGLE_KEY.token(SigningKeys.claims("https://appleid.apple.com", "com.example.theirs",
                "000123.abc", LATER));
        assertRefused(101, "jwt audience invalid. expected: " + BUNDLE_ID,
                () -> registry.validate("apple", Map.of("id", "000123.abc", "token", theirs)));

        String google = GOOGLE_KEY.token(SigningKeys.claims("accounts.google.com", BUNDLE_ID, "000123.abc", LATER));
        assertRefused(101, "id token not issued by correct OpenID provider - expected: https://appleid.apple.com"
                + " | from: accounts.google.com",
                () -> registry.validate("apple", Map.of("id", "000123.abc", "token", google)));
    }
}
