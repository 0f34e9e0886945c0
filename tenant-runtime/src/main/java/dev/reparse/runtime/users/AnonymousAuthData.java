package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.authdata.AuthDataValidator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The validator used when no other is configured: anonymous logins only, each with a UUID id. */
public final class AnonymousAuthData implements AuthDataValidator {
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    @Override
    public void validate(String provider, Map<String, Object> authData) {
        if (!"anonymous".equals(provider)) {
            throw new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE, "This authentication method is unsupported.");
        }
        if (!(authData.get("id") instanceof String id) || !UUID.matcher(id).matches()) {
            throw new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Anonymous login needs a UUID id.");
        }
    }

    @Override
    public Set<String> providers() {
        return Set.of("anonymous");
    }
}
