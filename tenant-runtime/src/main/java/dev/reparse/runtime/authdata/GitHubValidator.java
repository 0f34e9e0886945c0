package dev.reparse.runtime.authdata;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/** GitHub: the access token must belong to the user in {@code authData.id} ({@code GET /user}). */
final class GitHubValidator implements ProviderValidator {
    private final URI userUrl;
    private final ProviderHttp http;

    GitHubValidator(String apiUrl, ProviderHttp http) {
        this.userUrl = Endpoints.resolve(apiUrl, "user");
        this.http = http;
    }

    @Override
    public void validate(ProviderAuthData authData) {
        String token = authData.text("access_token").orElseThrow(GitHubValidator::refused);
        HttpRequest.Builder request = HttpRequest.newBuilder(userUrl).GET()
                .header("Authorization", "bearer " + token)
                .header("User-Agent", "reparse");
        Map<String, Object> user = http.json(request).orElseThrow(GitHubValidator::refused);
        // GitHub's ids are JSON numbers; authData carries them as strings
        Object id = user.get("id");
        if (!(id instanceof Number || id instanceof String) || !authData.id().equals(String.valueOf(id))) {
            throw refused();
        }
    }

    private static ParseException refused() {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "GitHub auth is invalid for this user.");
    }
}
