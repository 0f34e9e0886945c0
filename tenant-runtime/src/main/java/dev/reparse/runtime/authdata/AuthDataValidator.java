package dev.reparse.runtime.authdata;

import java.util.Map;
import java.util.Set;

/**
 * Checks a third-party login ({@code authData.<provider>}) with its provider before the users
 * feature signs up, logs in or links a user with it.
 */
public interface AuthDataValidator {

    /**
     * Accepts that provider's authData or throws a ParseException: 252 (unsupported provider,
     * "This authentication method is unsupported.") or 101 (the provider refused the credentials).
     */
    void validate(String provider, Map<String, Object> authData);

    /** The providers this app accepts. */
    Set<String> providers();
}
