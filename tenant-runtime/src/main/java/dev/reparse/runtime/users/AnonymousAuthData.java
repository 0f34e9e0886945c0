package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.authdata.AuthDataValidator;
import java.util.Map;
import java.util.Set;

/**
 * The validator used when no other is configured: anonymous logins only. Any non-empty string id
 * is accepted, as Parse Server does: the SDKs send a random UUID, other clients may not.
 */
public final class AnonymousAuthData implements AuthDataValidator {

    @Override
    public void validate(String provider, Map<String, Object> authData) {
        if (!"anonymous".equals(provider)) {
            throw new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE, "This authentication method is unsupported.");
        }
        if (!(authData.get("id") instanceof String id) || id.isEmpty()) {
            throw new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Anonymous login needs an id.");
        }
    }

    @Override
    public Set<String> providers() {
        return Set.of("anonymous");
    }
}
