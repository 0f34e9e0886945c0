package dev.reparse.runtime.authdata;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Turns the typed configuration into one validator per enabled provider. */
final class ProviderSetup {
    static final String GOOGLE_ISSUER = "accounts.google.com";
    static final String GOOGLE_HTTPS_ISSUER = "https://accounts.google.com";
    static final String APPLE_ISSUER = "https://appleid.apple.com";
    static final String FACEBOOK_ISSUER = "https://www.facebook.com";

    private final AuthConfig config;
    private final ProviderHttp http;
    private final Clock clock;
    private final RandomGenerator random;

    ProviderSetup(AuthConfig config, ProviderHttp http, Clock clock, RandomGenerator random) {
        this.config = config;
        this.http = http;
        this.clock = clock;
        this.random = random;
    }

    Map<String, ProviderValidator> validators() {
        Map<String, ProviderValidator> validators = new HashMap<>();
        if (config.anonymous().enabled()) {
            // any non-empty string id is an anonymous user; ProviderAuthData has already checked that
            validators.put("anonymous", authData -> { });
        }
        if (config.facebook().enabled()) {
            validators.put("facebook", facebook(config.facebook()));
        }
        if (config.google().enabled()) {
            validators.put("google", new IdTokenValidator(googleRules(config.google().clientIds().orElse(List.of())),
                    keys(config.google().jwksUrl()), clock));
        }
        if (config.apple().enabled()) {
            validators.put("apple", new IdTokenValidator(appleRules(config.apple().clientIds().orElse(List.of())),
                    keys(config.apple().jwksUrl()), clock));
        }
        if (config.github().enabled()) {
            validators.put("github", new GitHubValidator(config.github().apiUrl(), http));
        }
        if (config.twitter().enabled()) {
            AuthConfig.Twitter twitter = config.twitter();
            validators.put("twitter", new TwitterValidator(twitter.apiUrl(), twitter.consumerKey(),
                    twitter.consumerSecret(), new OAuth1Signer(clock, random), http));
        }
        // as in Parse Server, a provider configured for introspection is checked that way, whatever its name
        config.oauth2().forEach((name, settings) -> validators.put(name, introspection(settings)));
        return validators;
    }

    static IdTokenValidator.Rules googleRules(List<String> clientIds) {
        return new IdTokenValidator.Rules("Google", "id_token", Set.of(GOOGLE_ISSUER, GOOGLE_HTTPS_ISSUER),
                "id token not issued by correct provider - expected: " + GOOGLE_ISSUER + " or " + GOOGLE_HTTPS_ISSUER,
                clientIds);
    }

    static IdTokenValidator.Rules appleRules(List<String> clientIds) {
        return new IdTokenValidator.Rules("Apple", "token", Set.of(APPLE_ISSUER),
                "id token not issued by correct OpenID provider - expected: " + APPLE_ISSUER, clientIds);
    }

    static IdTokenValidator.Rules facebookRules(List<String> appIds) {
        return new IdTokenValidator.Rules("Facebook", "token", Set.of(FACEBOOK_ISSUER),
                "id token not issued by correct OpenID provider - expected: " + FACEBOOK_ISSUER, appIds);
    }

    private FacebookValidator facebook(AuthConfig.Facebook facebook) {
        List<String> appIds = facebook.appIds().orElse(List.of());
        IdTokenValidator limitedLogin = new IdTokenValidator(facebookRules(appIds), keys(facebook.jwksUrl()), clock);
        return new FacebookValidator(facebook.graphUrl(), appIds, facebook.appSecret(), http, limitedLogin);
    }

    private IntrospectionValidator introspection(AuthConfig.OAuth2 settings) {
        return new IntrospectionValidator(new IntrospectionValidator.Settings(URI.create(settings.introspectionUrl()),
                settings.authorizationHeader(), settings.useridField(), settings.appidField(),
                settings.appIds().orElse(List.of())), http);
    }

    private JwksKeys keys(String url) {
        return new JwksKeys(URI.create(url), http, clock, config.jwksCacheTtl(), config.jwksRefetchInterval());
    }
}
