package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.ClassHooks;
import dev.reparse.runtime.core.ObjectWrite;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code _Role}'s part of every write: a name of letters, digits, {@code _}, {@code -} and spaces,
 * set once (ACLs name roles by it); and any change to roles drops the cached role memberships.
 */
final class RoleHooks implements ClassHooks {
    private static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z\\-_ ]+$");

    private final RoleResolver roles;

    RoleHooks(RoleResolver roles) {
        this.roles = roles;
    }

    @Override
    public void beforeCreate(ObjectWrite write) {
        Object name = write.data().get("name");
        if (!(name instanceof String text) || !NAME.matcher(text).matches()) {
            throw new ParseException(ParseErrorCode.INVALID_ROLE_NAME,
                    "A role's name can only contain alphanumeric characters, _, -, and spaces.");
        }
    }

    @Override
    public void beforeUpdate(ObjectWrite write) {
        if (write.data().containsKey("name")) {
            throw new ParseException(ParseErrorCode.INVALID_ROLE_NAME,
                    "A role's name can only be set before it has been saved.");
        }
    }

    @Override
    public void afterCreate(ObjectWrite write, Map<String, Object> response) {
        roles.invalidate();
    }

    @Override
    public void afterUpdate(ObjectWrite write, Map<String, Object> response) {
        roles.invalidate();
    }

    @Override
    public void afterDelete(ObjectWrite write) {
        roles.invalidate();
    }

    @Override
    public void afterPurge() {
        roles.invalidate();
    }
}
