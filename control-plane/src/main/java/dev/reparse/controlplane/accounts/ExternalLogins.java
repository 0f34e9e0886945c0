package dev.reparse.controlplane.accounts;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.RandomKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Console sessions for people an external identity provider already vouched for (the OIDC login): the account is
 * looked up by its verified email and created on first login, with no password check here.
 */
@Singleton
public final class ExternalLogins {
    private final RandomKeys keys;
    private final Clock clock;
    private final ControlPlaneConfig config;

    ExternalLogins(RandomKeys keys, Clock clock, ControlPlaneConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.config = config;
    }

    /** A new console session for the account with that email, which must already be normalised and verified. */
    public Uni<IssuedSession> sessionFor(String verifiedEmail) {
        return Panache.withTransaction(() -> Account.byEmail(verifiedEmail)
            .flatMap(existing -> existing != null ? Uni.createFrom().item(existing) : newAccount(verifiedEmail))
            .flatMap(this::issue));
    }

    private Uni<Account> newAccount(String email) {
        Account account = new Account();
        account.email = email;
        account.accountKey = keys.next();
        account.createdAt = clock.instant();
        return account.persist();
    }

    private Uni<IssuedSession> issue(Account account) {
        String token = keys.next() + keys.next();
        ConsoleSession session = new ConsoleSession();
        session.tokenHash = AccountService.sha256(token);
        session.accountId = account.id;
        session.createdAt = clock.instant();
        session.expiresAt = session.createdAt.plus(config.sessions().ttl());
        return session.persist().map(ignored -> new IssuedSession(token, account, session.expiresAt));
    }
}
