package dev.reparse.runtime.email;

import dev.reparse.runtime.core.ClassHooks;
import dev.reparse.runtime.core.ObjectWrite;
import java.util.Map;

/**
 * {@code _User} writes after the users feature stored them: mails the verification link for a new
 * or changed email, and takes back a signup's session when unverified users may not log in (Parse
 * Server answers such a signup without a session token). Registered after the users' handler.
 */
final class VerificationMail implements ClassHooks {
    private final EmailFlows flows;

    VerificationMail(EmailFlows flows) {
        this.flows = flows;
    }

    @Override
    public void afterCreate(ObjectWrite write, Map<String, Object> response) {
        if (!write.notes().containsKey(AccountHooks.EMAIL_TO_VERIFY) || !flows.rules().verifyUserEmails()) {
            return;
        }
        mailStoredUser(write.objectId());
        if (flows.rules().preventLoginWithUnverifiedEmail() && response.remove("sessionToken") != null) {
            flows.users().deleteSessions(write.objectId());
        }
    }

    @Override
    public void afterUpdate(ObjectWrite write, Map<String, Object> response) {
        if (write.notes().containsKey(AccountHooks.EMAIL_TO_VERIFY) && flows.rules().verifyUserEmails()) {
            mailStoredUser(write.objectId());
        }
    }

    private void mailStoredUser(String objectId) {
        flows.users().findOne(Map.of("objectId", objectId)).ifPresent(user -> flows.sendVerification(user));
    }
}
