package dev.reparse.runtime.authdata;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Twitter / X: the user's OAuth 1.0a token must verify ({@code GET /1.1/account/verify_credentials.json},
 * signed with the app's consumer key and the user's token) as the user in {@code authData.id}.
 */
final class TwitterValidator implements ProviderValidator {
    private static final String INVALID = "Twitter auth is invalid for this user.";

    private final URI verifyUrl;
    private final Optional<String> consumerKey;
    private final Optional<String> consumerSecret;
    private final OAuth1Signer signer;
    private final ProviderHttp http;

    TwitterValidator(String apiUrl, Optional<String> consumerKey, Optional<String> consumerSecret, OAuth1Signer signer,
            ProviderHttp http) {
        this.verifyUrl = Endpoints.resolve(apiUrl, "1.1/account/verify_credentials.json");
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.signer = signer;
        this.http = http;
    }

    @Override
    public void validate(ProviderAuthData authData) {
        if (consumerKey.isEmpty() || consumerSecret.isEmpty()) {
            throw refused("Twitter auth configuration missing");
        }
        String token = authData.text("auth_token").orElseThrow(() -> refused(INVALID));
        String tokenSecret = authData.text("auth_token_secret").orElseThrow(() -> refused(INVALID));
        OAuth1Signer.Credentials credentials = new OAuth1Signer.Credentials(consumerKey.get(), consumerSecret.get(),
                token, tokenSecret);
        HttpRequest.Builder request = HttpRequest.newBuilder(verifyUrl).GET()
                .header("Authorization", signer.authorization("GET", verifyUrl, credentials));
        Map<String, Object> account = http.json(request).orElseThrow(() -> refused(INVALID));
        if (!authData.id().equals(account.get("id_str"))) {
            throw refused(INVALID);
        }
    }

    private static ParseException refused(String message) {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, message);
    }
}
