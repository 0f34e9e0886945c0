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

    /** The read-permission names this caller holds: {@code *}, and later its user id and roles. */
    public java.util.List<String> aclNames() {
        return userId.map(id -> java.util.List.of("*", id)).orElse(java.util.List.of("*"));
    }
}
