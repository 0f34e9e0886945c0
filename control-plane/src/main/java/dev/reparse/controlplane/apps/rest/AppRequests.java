package dev.reparse.controlplane.apps.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.accounts.CallerAuthenticator;
import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.apps.AppChanges;
import dev.reparse.controlplane.apps.AppPolicy;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** What both Apps APIs share: who is calling, and what the body asks to change. */
@Singleton
final class AppRequests {
    private final CallerAuthenticator authenticator;
    private final ObjectMapper json;
    private final AppPolicy policy;

    AppRequests(CallerAuthenticator authenticator, ObjectMapper json, ControlPlaneConfig config) {
        this.authenticator = authenticator;
        this.json = json;
        ControlPlaneConfig.Apps apps = config.apps();
        this.policy = new AppPolicy(apps.maxRequestsPerSecond().orElse(apps.defaultRequestsPerSecond()),
            apps.accountSettable());
    }

    Uni<Account> caller(CallerHeaders headers) {
        return authenticator.require(headers.credentials());
    }

    AppChanges changes(String body, boolean creating) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(ParseErrorCode.INVALID_JSON, "invalid JSON");
        }
        return AppChanges.fromJson(node, creating, policy);
    }

    /** The body's changes, read only once the caller is known: wrong credentials answer 401 whatever the body. */
    Uni<AppChanges> changesOf(Account caller, String body, boolean creating) {
        return Uni.createFrom().item(() -> changes(body, creating));
    }
}
