package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** A REST update ({@code {"field": value | {"__op": ...}}}) to a Mongo update document, as Parse Server's transformUpdate. */
final class UpdateTranslator {
    /** Relation operations change join collections, which the caller does; they never touch the object. */
    private static final Set<String> RELATION_OPERATIONS = Set.of("AddRelation", "RemoveRelation", "Batch");

    private UpdateTranslator() {
    }

    static Document translate(String className, ClassSchema schema, Map<String, Object> update, Instant now) {
        Document mongo = new Document();
        translateAcl(update, mongo);
        update.forEach((key, value) -> {
            if (key.equals("ACL") || key.equals("_rperm") || key.equals("_wperm") || isSkipped(value)) {
                return;
            }
            if (key.equals("authData") && className.equals("_User")) {
                translateAuthData(value, mongo);
                return;
            }
            translateField(schema, key, value, mongo);
        });
        if (!operation(mongo, "$set").containsKey("_updated_at")) {
            operation(mongo, "$set").put("_updated_at", Date.from(now));
        }
        return mongo;
    }

    private static void translateAcl(Map<String, Object> update, Document mongo) {
        if (update.get("ACL") instanceof Map<?, ?> acl && !acl.containsKey("__op")) {
            AclFields.fromRest(acl).writeTo(operation(mongo, "$set"));
        } else if (update.containsKey("ACL")) {
            Document unset = operation(mongo, "$unset");
            List.of("_rperm", "_wperm", "_acl").forEach(name -> unset.put(name, ""));
        } else if (update.containsKey("_rperm") || update.containsKey("_wperm")) {
            AclFields acl = AclFields.fromPermissions(update.get("_rperm"), update.get("_wperm"));
            Document set = operation(mongo, "$set");
            if (update.containsKey("_rperm")) {
                set.put("_rperm", acl.readers());
            }
            if (update.containsKey("_wperm")) {
                set.put("_wperm", acl.writers());
            }
            set.put("_acl", acl.legacyAcl());
        }
    }

    private static void translateField(ClassSchema schema, String restKey, Object value, Document mongo) {
        String key = storedKey(schema, restKey, value);
        if (value instanceof Map<?, ?> map && map.containsKey("__op")) {
            translateOperation(key, map, mongo);
            return;
        }
        operation(mongo, "$set").put(key, setValue(restKey, key, value));
    }

    private static Object setValue(String restKey, String key, Object value) {
        Object atom = RestToBson.topLevelAtom(value, null);
        if (atom == RestToBson.NOT_ATOM) {
            return ObjectEncoder.encodeValue(value, null);
        }
        if (FieldNames.isBuiltInDate(key)) {
            return RestToBson.dateOrIso(atom);
        }
        // Parse Server stores an atom set through a dot path as given, in its REST encoding.
        return restKey.indexOf('.') > 0 ? RestToBson.plain(value) : atom;
    }

    private static String storedKey(ClassSchema schema, String restKey, Object value) {
        return switch (restKey) {
            case "objectId", "_id" -> "_id";
            case "createdAt", "_created_at" -> "_created_at";
            case "updatedAt", "_updated_at" -> "_updated_at";
            case "sessionToken", "_session_token" -> "_session_token";
            case "expiresAt", "_expiresAt" -> "expiresAt";
            case "lastUsed", "_last_used" -> "_last_used";
            case "timesUsed", "times_used" -> "times_used";
            default -> {
                boolean untypedPointer = restKey.indexOf('.') < 0 && schema.field(restKey).isEmpty()
                        && ObjectEncoder.isOfType(value, "Pointer");
                yield untypedPointer || FieldNames.isPointer(schema, restKey)
                        ? FieldNames.POINTER_PREFIX + restKey : restKey;
            }
        };
    }

    private static void translateOperation(String key, Map<?, ?> op, Document mongo) {
        String name = String.valueOf(op.get("__op"));
        switch (name) {
            case "Delete" -> operation(mongo, "$unset").put(key, "");
            case "Increment" -> {
                if (!(op.get("amount") instanceof Number amount)) {
                    throw new ParseException(ParseErrorCode.INVALID_JSON, "incrementing must provide a number");
                }
                operation(mongo, "$inc").put(key, amount);
            }
            case "SetOnInsert" -> operation(mongo, "$setOnInsert").put(key, RestToBson.interiorValue(op.get("amount")));
            case "Add" -> operation(mongo, "$push").put(key, new Document("$each", interiorList(op)));
            case "AddUnique" -> operation(mongo, "$addToSet").put(key, new Document("$each", interiorList(op)));
            case "Remove" -> operation(mongo, "$pullAll").put(key, interiorList(op));
            default -> throw new ParseException(ParseErrorCode.COMMAND_UNAVAILABLE,
                    "The " + name + " operator is not supported yet.");
        }
    }

    /** Array elements as stored inside arrays, so that {@code $pullAll} matches pointers and objects exactly. */
    private static List<Object> interiorList(Map<?, ?> op) {
        List<Object> out = new ArrayList<>();
        RestToBson.objects(op).forEach(element -> out.add(RestToBson.interiorValue(element)));
        return out;
    }

    /** Each linked provider lives in its own {@code _auth_data_<provider>} field; null unlinks it. */
    private static void translateAuthData(Object value, Document mongo) {
        if (!(value instanceof Map<?, ?> providers)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "authData should be an object");
        }
        providers.forEach((provider, data) -> {
            String field = FieldNames.authDataField(String.valueOf(provider));
            if (data == null) {
                operation(mongo, "$unset").put(field, "");
            } else {
                operation(mongo, "$set").put(field, RestToBson.plain(data));
            }
        });
    }

    private static boolean isSkipped(Object value) {
        return ObjectEncoder.isRelation(value)
                || (value instanceof Map<?, ?> map && RELATION_OPERATIONS.contains(String.valueOf(map.get("__op"))));
    }

    private static Document operation(Document mongo, String operator) {
        return (Document) mongo.computeIfAbsent(operator, key -> new Document());
    }
}
