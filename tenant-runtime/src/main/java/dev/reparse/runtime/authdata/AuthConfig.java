package dev.reparse.runtime.authdata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which third-party logins ({@code authData.<provider>}) the app accepts and how each provider is
 * reached. Every provider but anonymous is off until enabled, as in Parse Server; every endpoint is
 * configurable so a private deployment (or a test) can point at its own server.
 */
@ConfigMapping(prefix = "reparse.auth")
public interface AuthConfig {
    /** How long one call to a provider may take, connecting included, before the login is refused. */
    @WithDefault("10s")
    Duration timeout();

    /** How long a fetched JSON Web Key Set is trusted before it is fetched again. */
    @WithDefault("1h")
    Duration jwksCacheTtl();

    /** The shortest time between two fetches of one key set caused by tokens signed with an unknown key ID. */
    @WithDefault("30s")
    Duration jwksRefetchInterval();

    /** Anonymous users ({@code authData.anonymous}). */
    Anonymous anonymous();

    /** Facebook Login (Graph API access tokens and Limited Login JWTs). */
    Facebook facebook();

    /** Sign in with Google (ID tokens). */
    Google google();

    /** Sign in with Apple (identity tokens). */
    Apple apple();

    /** GitHub (OAuth access tokens checked against the user API). */
    GitHub github();

    /** Twitter / X (OAuth 1.0a user tokens). */
    Twitter twitter();

    /** Further providers, by name, whose access tokens are checked by OAuth 2.0 token introspection (RFC 7662). */
    Map<String, OAuth2> oauth2();

    /** Anonymous users. */
    interface Anonymous {
        /** Whether anonymous users may sign up and log in (Parse Server's {@code enableAnonymousUsers}). */
        @WithDefault("true")
        boolean enabled();
    }

    /** Facebook Login. */
    interface Facebook {
        /** Whether Facebook logins are accepted. */
        @WithDefault("false")
        boolean enabled();

        /** The Facebook app IDs whose tokens are accepted; a token minted for any other app is refused. */
        Optional<List<String>> appIds();

        /** The app secret; when set, Graph calls carry {@code appsecret_proof}. */
        Optional<String> appSecret();

        /** The Graph API base URL. */
        @WithDefault("https://graph.facebook.com")
        String graphUrl();

        /** Where the keys that sign Limited Login tokens are published. */
        @WithDefault("https://www.facebook.com/.well-known/oauth/openid/jwks/")
        String jwksUrl();
    }

    /** Sign in with Google. */
    interface Google {
        /** Whether Google logins are accepted. */
        @WithDefault("false")
        boolean enabled();

        /** The OAuth client IDs an ID token may be issued to (its {@code aud}). */
        Optional<List<String>> clientIds();

        /** Where Google publishes the keys that sign ID tokens. */
        @WithDefault("https://www.googleapis.com/oauth2/v3/certs")
        String jwksUrl();
    }

    /** Sign in with Apple. */
    interface Apple {
        /** Whether Apple logins are accepted. */
        @WithDefault("false")
        boolean enabled();

        /** The bundle IDs and Services IDs an identity token may be issued to (its {@code aud}). */
        Optional<List<String>> clientIds();

        /** Where Apple publishes the keys that sign identity tokens. */
        @WithDefault("https://appleid.apple.com/auth/keys")
        String jwksUrl();
    }

    /** GitHub. */
    interface GitHub {
        /** Whether GitHub logins are accepted. */
        @WithDefault("false")
        boolean enabled();

        /** The GitHub REST API base URL (GitHub Enterprise: {@code https://HOST/api/v3}). */
        @WithDefault("https://api.github.com")
        String apiUrl();
    }

    /** Twitter / X. */
    interface Twitter {
        /** Whether Twitter logins are accepted. */
        @WithDefault("false")
        boolean enabled();

        /** The app's consumer (API) key. */
        Optional<String> consumerKey();

        /** The app's consumer (API) secret. */
        Optional<String> consumerSecret();

        /** The Twitter API base URL. */
        @WithDefault("https://api.twitter.com")
        String apiUrl();
    }

    /** One provider checked by token introspection. */
    interface OAuth2 {
        /** The provider's token introspection endpoint. */
        String introspectionUrl();

        /** The raw {@code Authorization} header sent to the endpoint, e.g. {@code Basic ...}. */
        Optional<String> authorizationHeader();

        /** The introspection response field that must equal {@code authData.id}, e.g. {@code sub}. */
        Optional<String> useridField();

        /** The introspection response field holding the client the token was issued to, e.g. {@code client_id}. */
        Optional<String> appidField();

        /** The client IDs accepted in {@code appidField}. */
        Optional<List<String>> appIds();
    }
}
