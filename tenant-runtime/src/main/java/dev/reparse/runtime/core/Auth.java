package dev.reparse.runtime.core;

import java.util.Optional;

/**
 * Who is asking: the master key (possibly read-only), a user's session, or nobody; and from
 * which installation.
 */
public record Auth(boolean master, boolean readOnly, Optional<String> userId, Optional<String> installationId) {

    public static Auth ofMaster() {
        return new Auth(true, false, Optional.empty(), Optional.empty());
    }

    public static Auth ofNobody() {
        return new Auth(false, false, Optional.empty(), Optional.empty());
    }

    /** 403 unless this is a master-key request (read-only or not). */
    public void requireMaster() {
        if (!master) {
            throw dev.reparse.protocol.ParseException.masterKeyRequired();
        }
    }

    /** Who the security rules see: the user, when there is one (roles come with the users feature). */
    public dev.reparse.runtime.security.Principal principal() {
        return new dev.reparse.runtime.security.Principal(userId, java.util.Set.of());
    }
}
