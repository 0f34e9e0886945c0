package dev.reparse.controlplane.identity;

/** The identity provider already has credentials for that email. */
public final class AccountExistsException extends RuntimeException {
    public AccountExistsException(String email) {
        super("an account exists for " + email, null, false, false);
    }
}
