package dev.reparse.runtime.accounts;

/** Hashes passwords and checks them against stored hashes ({@code _hashed_password}, {@code _password_history}). */
public interface PasswordHashes {
    String hash(String password);

    /** Whether the password is the one the hash was made from; false for a hash it cannot read. */
    boolean matches(String password, String hash);
}
