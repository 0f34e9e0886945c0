package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking: the master key (possibly read-only), a user's session, or nobody; and from
 * which installation.
 *
 * @param userId the logged-in user, when the request carried a valid session token
 * @param roleNames every role the user holds, inherited ones included (names, without {@code role:})
 * @param sessionToken the session token the request carried, when valid
 */
public record Auth(boolean master, boolean readOnly, Optional<String> userId, Set<String> roleNames,
        Optional<String> sessionToken, Optional<String> installationId) {

    public Auth {
        Objects.requireNonNull(userId, "userId");
        roleNames = Set.copyOf(roleNames);
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(installationId, "installationId");
    }

    public static Auth ofMaster() {
        return new Auth(true, false, Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }

    public static Auth ofNobody() {
        return new Auth(false, false, Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }

    /** A master-key request, read-only or not, from that installation. */
    public static Auth ofMaster(boolean readOnly, Optional<String> installationId) {
        return new Auth(true, readOnly, Optional.empty(), Set.of(), Optional.empty(), installationId);
    }

    /** A request without the master key and without a user, from that installation. */
    public static Auth ofPublic(Optional<String> installationId) {
        return new Auth(false, false, Optional.empty(), Set.of(), Optional.empty(), installationId);
    }

    /** A logged-in user's request. */
    public static Auth ofUser(String userId, Set<String> roleNames, String sessionToken,
            Optional<String> installationId) {
        return new Auth(false, false, Optional.of(userId), roleNames, Optional.of(sessionToken), installationId);
    }

    /** 403 unless this is a master-key request (read-only or not). */
    public void requireMaster() {
        if (!master) {
            throw ParseException.masterKeyRequired();
        }
    }

    /** Who the security rules see: the user and the roles the user holds, when there is one. */
    public Principal principal() {
        return new Principal(userId, roleNames);
    }
}
