package dev.reparse.controlplane.accounts;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.RandomKeys;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.errors.TextInput;
import dev.reparse.controlplane.identity.AccountExistsException;
import dev.reparse.controlplane.identity.IdentityProvider;
import dev.reparse.protocol.ParseErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/** Signup, login and the resolution of a caller's credentials to an account. */
@Singleton
public final class AccountService {
    private static final int MAX_ACCOUNT_KEY = 256;
    private final IdentityProvider identity;
    private final RandomKeys keys;
    private final Clock clock;
    private final ControlPlaneConfig config;
    private final LoginThrottle throttle;

    AccountService(IdentityProvider identity, RandomKeys keys, Clock clock, ControlPlaneConfig config,
            LoginThrottle throttle) {
        this.identity = identity;
        this.keys = keys;
        this.clock = clock;
        this.config = config;
        this.throttle = throttle;
    }

    /** Creates an account, with its account key in clear this once; 409 when the email is taken. */
    public Uni<CreatedAccount> signup(Credentials credentials) {
        String accountKey = keys.next();
        return Panache.withTransaction(() -> Account.byEmail(credentials.email())
            .flatMap(existing -> {
                if (existing != null) {
                    return Uni.createFrom().failure(new AccountExistsException(credentials.email()));
                }
                return identity.createAccount(credentials.email(), credentials.password())
                    .flatMap(ignored -> newAccount(credentials.email(), accountKey).<Account>persist());
            }))
            .onFailure(AccountExistsException.class).transform(e -> new ApiException(409, ParseErrorCode.EMAIL_TAKEN,
                "Account already exists for this email address."))
            .map(account -> new CreatedAccount(account, accountKey));
    }

    private Account newAccount(String email, String accountKey) {
        Account account = new Account();
        account.email = email;
        account.accountKeyHash = sha256(accountKey);
        account.createdAt = clock.instant();
        return account;
    }

    /** Replaces the account's key: the new one is answered this once, the old one stops working at once. */
    public Uni<CreatedAccount> rotateAccountKey(Account caller) {
        String accountKey = keys.next();
        return Panache.withTransaction(() -> Account.<Account>findById(caller.id).invoke(account -> {
            account.accountKeyHash = sha256(accountKey);
        })).map(account -> new CreatedAccount(account, accountKey));
    }

    /**
     * Checks email and password with the identity provider, unless {@link LoginThrottle} has locked the email at that
     * address (or the address) out: then a 429. The account, or null when they do not match.
     */
    public Uni<Account> authenticate(String email, String password, String address) {
        var credentials = Credentials.forLogin(email, password);
        if (credentials.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        Credentials checked = credentials.get();
        return throttle.check(checked.email(), address)
            .flatMap(ignored -> Panache.withSession(() -> identity.authenticate(checked.email(), checked.password())
                .flatMap(ok -> ok ? Account.byEmail(checked.email()) : Uni.createFrom().nullItem())))
            .call(account -> account == null ? throttle.failed(checked.email(), address)
                : throttle.succeeded(checked.email(), address));
    }

    /** Logs in for the console; 401 when the credentials do not match, 429 after too many failures. */
    public Uni<IssuedSession> login(String email, String password, String address) {
        return authenticate(email, password, address).flatMap(account -> {
            if (account == null) {
                return Uni.createFrom().failure(new ApiException(401, ParseErrorCode.OBJECT_NOT_FOUND,
                    "Invalid email/password."));
            }
            return Panache.withTransaction(() -> issueSession(account));
        });
    }

    /**
     * A console session for someone an external identity provider already vouched for (the OIDC login): the
     * account is found by its verified, normalised email and created on first login, with no password here.
     */
    public Uni<IssuedSession> sessionForVerifiedEmail(String verifiedEmail) {
        return Panache.withTransaction(() -> Account.byEmail(verifiedEmail)
            .flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : newAccount(verifiedEmail, keys.next()).<Account>persist())
            .flatMap(this::issueSession));
    }

    /** Stores a new session for the account; only its hash is kept, the token goes to the caller once. */
    private Uni<IssuedSession> issueSession(Account account) {
        String token = keys.next() + keys.next();
        ConsoleSession session = new ConsoleSession();
        session.tokenHash = sha256(token);
        session.accountId = account.id;
        session.createdAt = clock.instant();
        session.expiresAt = session.createdAt.plus(config.sessions().ttl());
        return session.persist().map(ignored -> new IssuedSession(token, account, session.expiresAt));
    }

    /** Ends a console session; unknown tokens are ignored. */
    public Uni<Void> logout(String token) {
        return Panache.withTransaction(() -> ConsoleSession.deleteById(sha256(token))).replaceWithVoid();
    }

    /** The account behind a live console session token, or null. */
    public Uni<Account> bySessionToken(String token) {
        Instant now = clock.instant();
        return Panache.withSession(() -> ConsoleSession.<ConsoleSession>findById(sha256(token))
            .flatMap(session -> session == null || session.expiresAt.isBefore(now)
                ? Uni.createFrom().nullItem()
                : Account.findById(session.accountId)));
    }

    /** The account behind an account key, or null; wrong keys count against the address ({@link LoginThrottle}). */
    public Uni<Account> byAccountKey(String key, String address) {
        TextInput.require("X-Parse-Account-Key", key, MAX_ACCOUNT_KEY, ParseErrorCode.VALIDATION_ERROR);
        return throttle.check(null, address)
            .flatMap(ignored -> Panache.withSession(() -> Account.byAccountKeyHash(sha256(key))))
            .call(account -> account == null ? throttle.failed(null, address) : Uni.createFrom().voidItem());
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
