package dev.reparse.runtime.authdata;

/** Checks one provider's credentials with that provider; refuses with a ParseException, as Parse Server's adapters do. */
@FunctionalInterface
interface ProviderValidator {
    void validate(ProviderAuthData authData);
}
