package dev.reparse.controlplane.accounts;

/** An account with its account key in clear: what signup and key rotation show, once; only the key's hash is stored. */
public record CreatedAccount(Account account, String accountKey) {

    @Override
    public String toString() {
        return "CreatedAccount[" + account.email + "]";
    }
}
