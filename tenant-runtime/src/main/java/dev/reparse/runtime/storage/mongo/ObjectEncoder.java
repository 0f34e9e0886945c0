package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.Map;
import org.bson.Document;

/** A REST object to the document Parse Server would insert for it. */
final class ObjectEncoder {
    private ObjectEncoder() {
    }

    static Document encode(String className, ClassSchema schema, Map<String, Object> object) {
        Document stored = new Document();
        if (object.containsKey("ACL") && object.get("ACL") != null) {
            AclFields.fromRest(object.get("ACL")).writeTo(stored);
        } else if (object.containsKey("_rperm") || object.containsKey("_wperm")) {
            AclFields.fromPermissions(object.get("_rperm"), object.get("_wperm")).writeTo(stored);
        }
        object.forEach((key, value) -> {
            if (!key.equals("ACL") && !key.equals("_rperm") && !key.equals("_wperm") && !isRelation(value)) {
                encodeField(className, schema, key, value, stored);
            }
        });
        return stored;
    }

    private static void encodeField(String className, ClassSchema schema, String key, Object value,
            Document stored) {
        switch (key) {
            case "objectId" -> stored.put("_id", value);
            case "createdAt" -> stored.put("_created_at", RestToBson.dateOrIso(value));
            case "updatedAt" -> stored.put("_updated_at", RestToBson.dateOrIso(value));
            case "sessionToken" -> stored.put("_session_token", value);
            case "_failed_login_count", "_email_verify_token", "_hashed_password", "_perishable_token",
                    "_tombstone", "_password_history" -> stored.put(key, RestToBson.plain(value));
            case "authData" -> {
                if (className.equals("_User")) {
                    encodeAuthData(value, stored);
                } else {
                    stored.put(key, RestToBson.interiorValue(value));
                }
            }
            default -> encodeOrdinaryField(schema, key, value, stored);
        }
    }

    private static void encodeOrdinaryField(ClassSchema schema, String key, Object value, Document stored) {
        if (key.startsWith(FieldNames.AUTH_DATA_PREFIX)) {
            stored.put(key, RestToBson.plain(value));
            return;
        }
        if (key.equals("expiresAt") || FieldNames.INTERNAL_DATE_FIELDS.contains(key)) {
            stored.put(key, RestToBson.dateOrIso(value));
            return;
        }
        FieldType field = FieldNames.fieldType(schema, key).orElse(null);
        boolean pointer = (field != null && field.isPointer()) || isOfType(value, "Pointer");
        String storedKey = pointer && !isOfType(value, "Bytes") ? FieldNames.POINTER_PREFIX + key : key;
        stored.put(storedKey, encodeValue(value, field));
    }

    /** A value stored at the top level of an object: an atom, or an Object/Array encoded as interior values. */
    static Object encodeValue(Object value, FieldType field) {
        Object atom = RestToBson.topLevelAtom(value, field);
        if (atom != RestToBson.NOT_ATOM) {
            return atom;
        }
        if (value instanceof Map<?, ?> map) {
            RestToBson.rejectOperatorKeys(map);
        }
        return RestToBson.interiorValue(value);
    }

    /** Parse Server keeps each provider in its own {@code _auth_data_<provider>} field; a null provider is unlinked. */
    private static void encodeAuthData(Object authData, Document stored) {
        if (authData == null) {
            return;
        }
        if (!(authData instanceof Map<?, ?> providers)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "authData should be an object");
        }
        providers.forEach((provider, data) -> {
            if (data != null) {
                stored.put(FieldNames.authDataField(String.valueOf(provider)), RestToBson.plain(data));
            }
        });
    }

    static boolean isRelation(Object value) {
        return isOfType(value, "Relation");
    }

    static boolean isOfType(Object value, String type) {
        return value instanceof Map<?, ?> map && type.equals(map.get("__type"));
    }
}
