package dev.reparse.controlplane.accounts;

import dev.reparse.controlplane.errors.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Resolves a request's credentials to its account, or fails with 401 when they are missing or wrong. */
@Singleton
public final class CallerAuthenticator {
    private final AccountService accounts;

    CallerAuthenticator(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The calling account; a Uni failing with a 401 {@link ApiException} otherwise (429 while throttled). */
    public Uni<Account> require(CallerCredentials credentials) {
        Uni<Account> account;
        if (credentials.accountKey() != null) {
            account = accounts.byAccountKey(credentials.accountKey(), credentials.address());
        } else if (credentials.email() != null) {
            account = accounts.authenticate(credentials.email(), credentials.password(), credentials.address());
        } else if (credentials.sessionToken() != null) {
            account = accounts.bySessionToken(credentials.sessionToken());
        } else {
            account = Uni.createFrom().nullItem();
        }
        return account.onItem().ifNull().failWith(ApiException::unauthorized);
    }
}
