package dev.reparse.controlplane.accounts;

import java.time.Instant;

/** A console session just issued: the token is shown once and never stored in clear. */
public record IssuedSession(String sessionToken, Account account, Instant expiresAt) {
}
