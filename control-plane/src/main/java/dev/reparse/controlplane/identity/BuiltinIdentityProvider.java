package dev.reparse.controlplane.identity;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Clock;

/** Credentials as bcrypt hashes in the control plane's own PostgreSQL (local mode and small installs). */
final class BuiltinIdentityProvider implements IdentityProvider {
    private final int cost;
    private final Clock clock;
    // Verifying against this when the email is unknown keeps both answers equally slow.
    private final String decoyHash;

    BuiltinIdentityProvider(int cost, Clock clock) {
        this.cost = cost;
        this.clock = clock;
        this.decoyHash = BCrypt.withDefaults().hashToString(cost, "decoy-password".toCharArray());
    }

    @Override
    public Uni<Void> createAccount(String email, String password) {
        return BuiltinCredential.<BuiltinCredential>findById(email)
            .flatMap(existing -> {
                if (existing != null) {
                    return Uni.createFrom().failure(new AccountExistsException(email));
                }
                return VertxContextSupport.executeBlocking(() -> BCrypt.withDefaults().hashToString(cost, password.toCharArray()))
                    .flatMap(hash -> store(email, hash));
            });
    }

    private Uni<Void> store(String email, String hash) {
        BuiltinCredential credential = new BuiltinCredential();
        credential.email = email;
        credential.passwordHash = hash;
        credential.createdAt = clock.instant();
        return credential.persist().replaceWithVoid();
    }

    @Override
    public Uni<Boolean> authenticate(String email, String password) {
        return BuiltinCredential.<BuiltinCredential>findById(email)
            .flatMap(found -> {
                String hash = found == null ? decoyHash : found.passwordHash;
                return VertxContextSupport.executeBlocking(() -> BCrypt.verifyer().verify(password.toCharArray(), hash).verified)
                    .map(verified -> verified && found != null);
            });
    }
}
