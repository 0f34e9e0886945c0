package dev.reparse.runtime.authdata;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * One provider's signing keys (a JSON Web Key Set), fetched on first use and kept for a bounded time.
 * A token with an unknown key ID makes it fetch again, since providers rotate keys, but at most once
 * per refetch interval: otherwise anyone could make every login fetch the key set by sending made-up
 * key IDs.
 */
final class JwksKeys {
    private static final Logger LOG = Logger.getLogger(JwksKeys.class);

    private final URI url;
    private final ProviderHttp http;
    private final Clock clock;
    private final Duration ttl;
    private final Duration refetchInterval;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile KeySet keys = new KeySet(Map.of(), Instant.MIN);
    private volatile Instant lastAttempt;

    private record KeySet(Map<String, RSAPublicKey> byId, Instant fetchedAt) {
    }

    JwksKeys(URI url, ProviderHttp http, Clock clock, Duration ttl, Duration refetchInterval) {
        this.url = url;
        this.http = http;
        this.clock = clock;
        this.ttl = ttl;
        this.refetchInterval = refetchInterval.compareTo(ttl) > 0 ? ttl : refetchInterval;
    }

    /** The RSA key with that key ID, if the provider publishes one. */
    Optional<RSAPublicKey> key(String kid) {
        KeySet current = keys;
        if (fresh(current) && current.byId().containsKey(kid)) {
            return Optional.of(current.byId().get(kid));
        }
        fetching.lock();
        try {
            current = keys;
            if (!(fresh(current) && current.byId().containsKey(kid)) && mayFetch()) {
                lastAttempt = clock.instant();
                fetch().ifPresent(fetched -> keys = fetched);
                current = keys;
            }
            return fresh(current) ? Optional.ofNullable(current.byId().get(kid)) : Optional.empty();
        } finally {
            fetching.unlock();
        }
    }

    private boolean fresh(KeySet set) {
        return !set.fetchedAt().equals(Instant.MIN) && clock.instant().isBefore(set.fetchedAt().plus(ttl));
    }

    private boolean mayFetch() {
        return lastAttempt == null || !clock.instant().isBefore(lastAttempt.plus(refetchInterval));
    }

    private Optional<KeySet> fetch() {
        Optional<Map<String, Object>> document = http.json(HttpRequest.newBuilder(url).GET());
        if (document.isEmpty() || !(document.get().get("keys") instanceof List<?> list)) {
            LOG.warnf("could not fetch the signing keys at %s", url);
            return Optional.empty();
        }
        Map<String, RSAPublicKey> byId = new HashMap<>();
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> jwk && jwk.get("kid") instanceof String kid) {
                rsaKey(jwk).ifPresent(key -> byId.put(kid, key));
            }
        }
        return Optional.of(new KeySet(Map.copyOf(byId), clock.instant()));
    }

    /** Only RSA signing keys meant for RS256 (or not saying); others cannot verify the tokens we accept. */
    private static Optional<RSAPublicKey> rsaKey(Map<?, ?> jwk) {
        boolean usable = "RSA".equals(jwk.get("kty"))
                && (jwk.get("use") == null || "sig".equals(jwk.get("use")))
                && (jwk.get("alg") == null || "RS256".equals(jwk.get("alg")));
        if (!usable || !(jwk.get("n") instanceof String n) || !(jwk.get("e") instanceof String e)) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, base64.decode(n)),
                    new BigInteger(1, base64.decode(e)));
            return Optional.of((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec));
        } catch (IllegalArgumentException | GeneralSecurityException ex) {
            return Optional.empty();
        }
    }
}
