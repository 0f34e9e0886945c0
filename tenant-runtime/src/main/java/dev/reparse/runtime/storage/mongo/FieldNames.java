package dev.reparse.runtime.storage.mongo;

import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parse Server's renaming of REST field names to stored ones ({@code objectId} → {@code _id}, pointers → {@code _p_}). */
final class FieldNames {
    static final String POINTER_PREFIX = "_p_";
    static final String AUTH_DATA_PREFIX = "_auth_data_";

    /** Internal fields Parse Server stores as BSON dates. */
    static final Set<String> INTERNAL_DATE_FIELDS = Set.of("_email_verify_token_expires_at",
            "_account_lockout_expires_at", "_perishable_token_expires_at", "_password_changed_at");

    private static final Pattern AUTH_DATA_ID = Pattern.compile("^authData\\.([a-zA-Z0-9_]+)\\.id$");
    private static final Pattern PROVIDER = Pattern.compile("^[a-zA-Z0-9_]+$");

    private FieldNames() {
    }

    /** The stored name of a top-level field or a dot path. */
    static String mongoName(ClassSchema schema, String restName) {
        return switch (restName) {
            case "objectId" -> "_id";
            case "createdAt" -> "_created_at";
            case "updatedAt" -> "_updated_at";
            case "sessionToken" -> "_session_token";
            case "lastUsed" -> "_last_used";
            case "timesUsed" -> "times_used";
            default -> isPointer(schema, restName) ? POINTER_PREFIX + restName : restName;
        };
    }

    static boolean isPointer(ClassSchema schema, String restName) {
        return fieldType(schema, restName).map(FieldType::isPointer).orElse(false);
    }

    static Optional<FieldType> fieldType(ClassSchema schema, String restName) {
        return schema == null ? Optional.empty() : schema.field(restName);
    }

    /** Whether Parse Server stores the field as a BSON date whatever the schema says. */
    static boolean isBuiltInDate(String mongoName) {
        return switch (mongoName) {
            case "_created_at", "_updated_at", "expiresAt", "_last_used" -> true;
            default -> INTERNAL_DATE_FIELDS.contains(mongoName);
        };
    }

    /** {@code authData.facebook.id} → {@code _auth_data_facebook.id}, as the only authData query Parse allows. */
    static Optional<String> authDataIdQueryKey(String restName) {
        Matcher matcher = AUTH_DATA_ID.matcher(restName);
        return matcher.matches() ? Optional.of(AUTH_DATA_PREFIX + matcher.group(1) + ".id") : Optional.empty();
    }

    static String authDataField(String provider) {
        if (!PROVIDER.matcher(provider).matches()) {
            throw new dev.reparse.protocol.ParseException(dev.reparse.protocol.ParseErrorCode.INVALID_KEY_NAME,
                    "Invalid auth data provider: " + provider);
        }
        return AUTH_DATA_PREFIX + provider;
    }
}
