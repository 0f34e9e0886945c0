package dev.reparse.runtime.authdata;

import static dev.reparse.runtime.authdata.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Facebook's Graph API and GitHub's user API, each played by a local server that knows its tokens. */
class SocialProvidersIntegrationTest {
    private static final String OUR_APP = "111";
    private static final String SECRET = "fb-secret";
    /** access token → {app the token was minted for, user it belongs to} */
    private static final Map<String, List<String>> FACEBOOK_TOKENS = Map.of(
            "ours-token", List.of(OUR_APP, "10001"),
            "their-token", List.of("999", "10001"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private FakeProvider graph;
    private FakeProvider github;
    private ProviderHttp http;
    private AuthDataRegistry registry;

    @BeforeEach
    void start() {
        graph = new FakeProvider()
                .route("/app", exchange -> graphAnswer(FakeProvider.query(exchange.getRequestURI()), 0))
                .route("/me", exchange -> graphAnswer(FakeProvider.query(exchange.getRequestURI()), 1));
        github = new FakeProvider().route("/user", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if ("slow".equals(exchange.getRequestHeaders().getFirst("X-Test")) || "bearer sleepy".equals(authorization)) {
                sleep(Duration.ofSeconds(6));
            }
            return "bearer gh-token".equals(authorization)
                    ? FakeProvider.Answer.ok(Map.of("id", 4242, "login", "octo"))
                    : new FakeProvider.Answer(401, Map.of("message", "Bad credentials"));
        });
        http = new ProviderHttp(Duration.ofMillis(1500));
        registry = registry(graph.url(), github.url());
    }

    @AfterEach
    void stop() {
        http.close();
        graph.close();
        github.close();
    }

    private AuthDataRegistry registry(String graphUrl, String githubUrl) {
        IdTokenValidator limitedLogin = new IdTokenValidator(ProviderSetup.facebookRules(List.of(OUR_APP)),
                new JwksKeys(java.net.URI.create(FakeProvider.downUrl()), http, clock, Duration.ofHours(1),
                        Duration.ofSeconds(30)), clock);
        return new AuthDataRegistry(Map.of(
                "facebook", new FacebookValidator(graphUrl, List.of(OUR_APP), Optional.of(SECRET), http, limitedLogin),
                "github", new GitHubValidator(githubUrl, http)), () -> { });
    }

    /** Graph answers only for known tokens carrying the right appsecret_proof, as Facebook does when proofs are required. */
    private static FakeProvider.Answer graphAnswer(Map<String, String> query, int field) {
        List<String> token = FACEBOOK_TOKENS.get(query.get("access_token"));
        if (token == null || !FacebookValidator.proof(SECRET, query.get("access_token")).equals(query.get("appsecret_proof"))) {
            return new FakeProvider.Answer(400, Map.of("error", Map.of("message", "Invalid OAuth access token.")));
        }
        return FakeProvider.Answer.ok(Map.of("id", token.get(field)));
    }

    @Test
    void acceptsFacebookTokenOfThisAppForThisUser() {
        assertDoesNotThrow(() -> registry.validate("facebook", Map.of("id", "10001", "access_token", "ours-token")));
        assertEquals(1, graph.calls("/app"));
        assertEquals(1, graph.calls("/me"));
    }

    @Test
    void refusesFacebookTokenMintedForAnotherApp() {
        assertRefused(101, "Facebook auth is invalid for this user.",
                () -> registry.validate("facebook", Map.of("id", "10001", "access_token", "their-token")));
        assertEquals(0, graph.calls("/me"), "the user is not looked up with another app's token");
    }

    @Test
    void refusesFacebookTokenOfAnotherUserOrUnknownToken() {
        assertRefused(101, "Facebook auth is invalid for this user.",
                () -> registry.validate("facebook", Map.of("id", "10002", "access_token", "ours-token")));
        assertRefused(101, "Facebook auth is invalid for this user.",
                () -> registry.validate("facebook", Map.of("id", "10001", "access_token", "forged")));
        assertRefused(101, "Facebook auth is invalid for this user.",
                () -> registry.validate("facebook", Map.of("id", "10001")));
    }

    @Test
    void refusesFacebookWhenGraphIsDown() {
        AuthDataRegistry down = registry(FakeProvider.downUrl(), github.url());
        assertRefused(101, "Facebook auth is invalid for this user.",
                () -> down.validate("facebook", Map.of("id", "10001", "access_token", "ours-token")));
    }

    @Test
    void sendsAccessTokenEncodedSoItCannotAddGraphParameters() {
        assertRefused(101, "Facebook auth is invalid for this user.",
                () -> registry.validate("facebook", Map.of("id", "10001", "access_token", "x&access_token=ours-token")));
    }

    @Test
    void acceptsGitHubTokenOfThisUser() {
        assertDoesNotThrow(() -> registry.validate("github", Map.of("id", "4242", "access_token", "gh-token")));
    }

    @Test
    void refusesGitHubTokenOfAnotherUserOrBadToken() {
        assertRefused(101, "GitHub auth is invalid for this user.",
                () -> registry.validate("github", Map.of("id", "1", "access_token", "gh-token")));
        assertRefused(101, "GitHub auth is invalid for this user.",
                () -> registry.validate("github", Map.of("id", "4242", "access_token", "stolen")));
    }

    @Test
    void refusesGitHubWhenItIsDownOrTooSlow() {
        AuthDataRegistry down = registry(graph.url(), FakeProvider.downUrl());
        assertRefused(101, "GitHub auth is invalid for this user.",
                () -> down.validate("github", Map.of("id", "4242", "access_token", "gh-token")));
        long start = System.nanoTime();
        assertRefused(101, "GitHub auth is invalid for this user.",
                () -> registry.validate("github", Map.of("id", "4242", "access_token", "sleepy")));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(true, waited < 5000, "gave up after the timeout, not after the provider's 6 s: " + waited + " ms");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
