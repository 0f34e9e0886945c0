package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseDates;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates, updates and deletes objects: the write half of the core. Each operation is a list of
 * named steps, as Parse Server's {@code RestWrite.execute}, without its class-specific branches.
 */
final class ObjectWriter {
    private final AppContext app;

    ObjectWriter(AppContext app) {
        this.app = app;
    }

    /** {@code POST /classes/:className}: {@code {objectId, createdAt}} plus the results of operators. */
    WriteResult create(Auth auth, String className, Map<String, Object> body) {
        checkWritable(auth, "create");
        InputRules.checkClassName(className);
        Map<String, Object> data = sanitize(body, true);
        checkClassCreation(auth, className);
        ClassSchema schema = app.schemas().validateObject(className, data, true);
        RelationOps relations = RelationOps.extract(data);
        Map<String, Object> object = initialValues(data);
        String objectId = app.ids().next();
        String now = ParseDates.format(Instant.now(app.clock()));
        object.put("objectId", objectId);
        object.put("createdAt", now);
        object.put("updatedAt", now);
        app.storage().createObject(className, schema, object);
        relations.apply(app.storage(), className, objectId);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("objectId", objectId);
        response.put("createdAt", now);
        response.putAll(operatorResults(data, object));
        return new WriteResult(objectId, response);
    }

    /** {@code PUT /classes/:className/:objectId}: {@code {updatedAt}} plus the results of operators. */
    Map<String, Object> update(Auth auth, String className, String objectId, Map<String, Object> body) {
        checkWritable(auth, "update");
        InputRules.checkClassName(className);
        Map<String, Object> data = sanitize(body, false);
        if (app.schemas().get(className).isEmpty()) {
            throw ParseException.objectNotFound();
        }
        ClassSchema schema = app.schemas().validateObject(className, data, true);
        RelationOps relations = RelationOps.extract(data);
        String now = ParseDates.format(Instant.now(app.clock()));
        Map<String, Object> update = new LinkedHashMap<>(data);
        update.put("updatedAt", now);
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        Map<String, Object> updated = app.storage().findOneAndUpdate(className, schema, where, update)
                .orElseThrow(ParseException::objectNotFound);
        relations.apply(app.storage(), className, objectId);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("updatedAt", now);
        response.putAll(operatorResults(data, updated));
        return response;
    }

    /** {@code DELETE /classes/:className/:objectId}: {@code {}}; 101 when it isn't there. */
    void delete(Auth auth, String className, String objectId) {
        checkWritable(auth, "delete");
        InputRules.checkClassName(className);
        ClassSchema schema = app.schemas().get(className).orElseThrow(ParseException::objectNotFound);
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        if (app.storage().deleteObjectsByQuery(className, schema, where) == 0) {
            throw ParseException.objectNotFound();
        }
    }

    private static void checkWritable(Auth auth, String operation) {
        if (auth.readOnly()) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                    "read-only masterKey isn't allowed to perform the " + operation + " operation.");
        }
    }

    private void checkClassCreation(Auth auth, String className) {
        if (!auth.master() && !app.settings().allowClientClassCreation() && app.schemas().get(className).isEmpty()) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                    "This user is not allowed to access non-existent class: " + className);
        }
    }

    /** The client's fields, minus what only the server sets; refuses dangerous keys before anything is stored. */
    private static Map<String, Object> sanitize(Map<String, Object> body, boolean creating) {
        InputRules.checkKeys(body);
        Map<String, Object> data = new LinkedHashMap<>(body);
        if (data.containsKey("objectId")) {
            if (creating) {
                throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "objectId is an invalid field name.");
            }
            data.remove("objectId");
        }
        data.remove("createdAt");
        data.remove("updatedAt");
        for (String key : List.copyOf(data.keySet())) {
            if (key.startsWith("_")) {
                throw ParseException.invalidKeyName(key);
            }
        }
        if (data.containsKey("ACL")) {
            InputRules.checkAcl(data.get("ACL"));
        }
        return data;
    }

    /** What a new object stores: operators applied to nothing, as Parse Server does on create. */
    private static Map<String, Object> initialValues(Map<String, Object> data) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            Object value = entry.getValue();
            if (!(value instanceof Map<?, ?> map) || !(map.get("__op") instanceof String op)) {
                object.put(entry.getKey(), value);
                continue;
            }
            switch (op) {
                case "Increment" -> object.put(entry.getKey(), amountOf(map));
                case "Add", "AddUnique" -> object.put(entry.getKey(), distinctIfUnique(op, objectsOf(map)));
                case "Remove" -> object.put(entry.getKey(), new ArrayList<>());
                case "Delete" -> {
                    // nothing to delete on a new object
                }
                default -> throw new ParseException(ParseErrorCode.INVALID_JSON, "bad op " + op);
            }
        }
        return object;
    }

    /** For every field changed with an operator, its value after the write. */
    private static Map<String, Object> operatorResults(Map<String, Object> data, Map<String, Object> stored) {
        Map<String, Object> results = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> map && map.get("__op") instanceof String op
                    && !op.equals("Delete")) {
                Object value = WhereResolver.valueAt(stored, entry.getKey());
                if (value != null) {
                    results.put(entry.getKey(), value);
                }
            }
        }
        return results;
    }

    private static Number amountOf(Map<?, ?> op) {
        if (op.get("amount") instanceof Number amount) {
            return amount;
        }
        throw new ParseException(ParseErrorCode.INVALID_JSON, "incrementing must provide a number");
    }

    static List<Object> objectsOf(Map<?, ?> op) {
        if (op.get("objects") instanceof List<?> objects) {
            return new ArrayList<>(objects);
        }
        throw new ParseException(ParseErrorCode.INVALID_JSON, "objects to add must be an array");
    }

    private static List<Object> distinctIfUnique(String op, List<Object> objects) {
        if (!op.equals("AddUnique")) {
            return objects;
        }
        List<Object> unique = new ArrayList<>();
        for (Object item : objects) {
            if (!unique.contains(item)) {
                unique.add(item);
            }
        }
        return unique;
    }

    /** An object written and its REST answer. */
    record WriteResult(String objectId, Map<String, Object> response) {
    }
}
