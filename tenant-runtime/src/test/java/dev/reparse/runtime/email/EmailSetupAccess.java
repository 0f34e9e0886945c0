package dev.reparse.runtime.email;

import dev.reparse.runtime.accounts.AccountRules;
import dev.reparse.runtime.accounts.AccountsConfig;

/** Lets tests of other packages build the account rules the runtime would. */
public final class EmailSetupAccess {
    private EmailSetupAccess() {
    }

    public static AccountRules rules(EmailConfig email, AccountsConfig accounts) {
        return EmailSetup.rules(email, accounts);
    }
}
