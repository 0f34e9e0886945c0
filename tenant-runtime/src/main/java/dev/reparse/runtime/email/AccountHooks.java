package dev.reparse.runtime.email;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.accounts.UserRecords;
import dev.reparse.runtime.core.ClassHooks;
import dev.reparse.runtime.core.ObjectWrite;
import java.util.Map;

/**
 * {@code _User} writes before the users feature hashes the password: the password policy sees
 * the plain password, and the stored user gets Parse Server's tracking fields (password age and
 * history, a verification token for a new or changed email, the end of a pending reset link).
 * Registered ahead of the users' handler.
 */
final class AccountHooks implements ClassHooks {
    static final String EMAIL_TO_VERIFY = "emailToVerify";

    private final EmailFlows flows;

    AccountHooks(EmailFlows flows) {
        this.flows = flows;
    }

    @Override
    public void beforeCreate(ObjectWrite write) {
        Map<String, Object> data = write.data();
        refuseClientVerification(write);
        if (data.get("password") instanceof String password) {
            String username = data.get("username") instanceof String name ? name : null;
            data.putAll(flows.passwords().trackingForSignup(password, username));
        }
        if (data.get("email") instanceof String) {
            data.putAll(flows.verificationFields());
            write.notes().put(EMAIL_TO_VERIFY, true);
        }
    }

    @Override
    public void beforeUpdate(ObjectWrite write) {
        Map<String, Object> data = write.data();
        refuseClientVerification(write);
        if (data.get("password") instanceof String password) {
            Map<String, Object> stored = flows.users().findOne(Map.of("objectId", write.objectId()))
                    .orElseThrow(ParseException::objectNotFound);
            String newUsername = data.get("username") instanceof String name ? name : null;
            data.putAll(flows.passwords().trackingForChange(stored, password, newUsername));
        }
        if (data.get("email") instanceof String) {
            data.putAll(flows.verificationFields());
            data.put("_perishable_token", UserRecords.delete());
            data.put("_perishable_token_expires_at", UserRecords.delete());
            write.notes().put(EMAIL_TO_VERIFY, true);
        }
    }

    /** Only the master key decides that an email is verified (Parse Server's words). */
    private static void refuseClientVerification(ObjectWrite write) {
        if (!write.auth().master() && write.data().containsKey("emailVerified")) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                    "Clients aren't allowed to manually update email verification.");
        }
    }
}
