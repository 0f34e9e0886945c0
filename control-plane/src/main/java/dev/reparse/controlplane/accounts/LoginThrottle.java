package dev.reparse.controlplane.accounts;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.errors.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brakes on guessing passwords (console login, {@code X-Parse-Email}/{@code X-Parse-Password}) and account keys, kept
 * in PostgreSQL so every control-plane replica counts the same failures.
 *
 * <p>Failures are counted per (account, client address) and per client address, never per account alone: an
 * account-wide lockout would let anyone lock its owner out for as long as they keep failing. The pair limit stops
 * guessing from one address early (5 failures by default); the address limit stops one address spraying many
 * accounts; guessing one account from many addresses is slowed by the address limits and bcrypt, and the owner, at
 * their own address, still gets in. A locked subject gets HTTP 429 with {@code Retry-After} and its password is not
 * even checked; each failure after a lockout doubles the next one, up to {@code max-lock}. A successful login clears
 * its pair's count (not its address's, or one good account would reset the address's guessing budget).
 */
@Singleton
public final class LoginThrottle {
    static final String PAIR = "account-address";
    static final String ADDRESS = "address";
    private static final String RECORD_FAILURE = """
        insert into login_throttle (key_hash, scope, failures, locked_until, updated_at)
        values (cast(?1 as varchar), cast(?2 as varchar), 1, null, cast(?3 as timestamptz))
        on conflict (key_hash) do update set
          failures = case when login_throttle.updated_at < cast(?4 as timestamptz) then 1
            else login_throttle.failures + 1 end,
          updated_at = excluded.updated_at""";
    private static final String LOCK = """
        update login_throttle set locked_until = cast(?2 as timestamptz) + make_interval(secs => least(cast(?3 as float8),
          cast(?4 as float8) * power(2, least(failures - cast(?5 as integer), 30))))
        where key_hash = cast(?1 as varchar) and failures >= cast(?5 as integer)""";
    private static final String FORGET_OLD = """
        delete from login_throttle
        where updated_at < cast(?1 as timestamptz) and (locked_until is null or locked_until < cast(?2 as timestamptz))""";
    private final ControlPlaneConfig.LoginThrottle config;
    private final Clock clock;

    LoginThrottle(ControlPlaneConfig config, Clock clock) {
        this.config = config.loginThrottle();
        this.clock = clock;
    }

    /** Fails with a 429 {@link ApiException} while the email (may be null) or the address is locked out. */
    public Uni<Void> check(String email, String address) {
        Instant now = clock.instant();
        return Panache.withSession(() -> LoginThrottleEntry.<LoginThrottleEntry>list("keyHash in ?1 and lockedUntil > ?2",
                keys(email, address).stream().map(Key::hash).toList(), now))
            .flatMap(locked -> {
                Instant until = locked.stream().map(e -> e.lockedUntil).max(Instant::compareTo).orElse(null);
                if (until == null) {
                    return Uni.createFrom().voidItem();
                }
                Duration wait = Duration.between(now, until);
                return Uni.createFrom().failure(ApiException.throttled(wait, "Too many failed logins. Try again in "
                    + Math.max(1, (wait.toMillis() + 999) / 1000) + " seconds."));
            });
    }

    /** Counts a failed attempt against the email's pair (when given) and the address, locking those past their limit. */
    public Uni<Void> failed(String email, String address) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Uni<Void> chain = session.createNativeQuery(FORGET_OLD)
                .setParameter(1, now.minus(config.window().plus(config.maxLock())))
                .setParameter(2, now)
                .executeUpdate().replaceWithVoid();
            for (Key key : keys(email, address)) {
                chain = chain.flatMap(ignored -> session.createNativeQuery(RECORD_FAILURE)
                        .setParameter(1, key.hash()).setParameter(2, key.scope()).setParameter(3, now)
                        .setParameter(4, now.minus(config.window())).executeUpdate())
                    .flatMap(ignored -> session.createNativeQuery(LOCK)
                        .setParameter(1, key.hash()).setParameter(2, now)
                        .setParameter(3, (double) config.maxLock().toMillis() / 1000)
                        .setParameter(4, (double) config.lock().toMillis() / 1000)
                        .setParameter(5, key.scope().equals(PAIR) ? config.maxFailures() : config.addressMaxFailures())
                        .executeUpdate())
                    .replaceWithVoid();
            }
            return chain;
        }));
    }

    /** Clears the pair's count after a successful login. */
    public Uni<Void> succeeded(String email, String address) {
        return Panache.withTransaction(() -> LoginThrottleEntry.deleteById(pair(email, address).hash())).replaceWithVoid();
    }

    private static List<Key> keys(String email, String address) {
        List<Key> keys = new ArrayList<>(2);
        if (email != null) {
            keys.add(pair(email, address));
        }
        keys.add(new Key(ADDRESS, address));
        return keys;
    }

    private static Key pair(String email, String address) {
        return new Key(PAIR, email + "\n" + address);
    }

    /** A throttled subject; stored only as the hash of scope and subject. */
    private record Key(String scope, String subject) {
        String hash() {
            return AccountService.sha256(scope + "\n" + subject);
        }
    }
}
