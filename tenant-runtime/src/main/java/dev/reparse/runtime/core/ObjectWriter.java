package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseDates;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.security.ClassLevelPermissions;
import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import dev.reparse.runtime.security.DefaultAcls;
import dev.reparse.runtime.security.WriteAccess;
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
    /** An object without an ACL is public; storing this one would change nothing but the answer. */
    private static final Map<String, Object> PUBLIC_ACL = Map.of("*", Map.of("read", true, "write", true));

    private final AppContext app;
    private final java.util.function.Supplier<Triggers> triggers;
    private final java.util.function.Supplier<WriteEvents> events;

    ObjectWriter(AppContext app, java.util.function.Supplier<Triggers> triggers,
            java.util.function.Supplier<WriteEvents> events) {
        this.app = app;
        this.triggers = triggers;
        this.events = events;
    }

    /** {@code POST /classes/:className}: {@code {objectId, createdAt}}, what the server set, and the results of operators. */
    WriteResult create(Auth auth, String className, Map<String, Object> body) {
        PreparedCreate prepared = prepareCreate(auth, className, body);
        app.storage().createObject(className, prepared.schema(), prepared.object());
        return finishCreate(className, prepared);
    }

    /**
     * Several creates in one class, as a {@code /batch} sends them: each is checked on its own,
     * then all that passed are stored in one round trip. Returns each one's result or error, in order.
     */
    List<Object> createAll(Auth auth, String className, List<Map<String, Object>> bodies) {
        List<Object> outcomes = new ArrayList<>();
        List<PreparedCreate> prepared = new ArrayList<>();
        for (Map<String, Object> body : bodies) {
            try {
                PreparedCreate create = prepareCreate(auth, className, body);
                prepared.add(create);
                outcomes.add(create);
            } catch (ParseException e) {
                outcomes.add(e);
            }
        }
        if (prepared.isEmpty()) {
            return outcomes;
        }
        ClassSchema schema = app.schemas().get(className).orElseThrow();
        List<ParseException> stored = app.storage().createObjects(className, schema,
                prepared.stream().map(PreparedCreate::object).toList());
        for (int i = 0, next = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof PreparedCreate create) {
                ParseException refused = stored.get(next++);
                outcomes.set(i, refused != null ? refused : finishCreate(className, create));
            }
        }
        return outcomes;
    }

    /** A create checked and ready to store. */
    private record PreparedCreate(ClassSchema schema, Map<String, Object> data, Map<String, Object> serverSet,
            RelationOps relations, Map<String, Object> object, ObjectWrite write, java.util.Set<String> changedByTrigger) {
    }

    private PreparedCreate prepareCreate(Auth auth, String className, Map<String, Object> body) {
        checkWritable(auth, className, "create");
        InputRules.checkClassName(className);
        Map<String, Object> data = sanitize(className, body, true);
        checkClassCreation(auth, className);
        checkPermission(auth, className, Operation.CREATE);
        Map<String, Object> changedByTrigger = new LinkedHashMap<>();
        data = runBeforeSave(auth, className, data, null, changedByTrigger);
        ClassSchema schema = app.schemas().validateObject(className, data, mayAddFields(auth, className, false));
        Map<String, Object> serverSet = applyServerDefaults(className, schema, data);
        app.schemas().validateRequiredFields(className, data, false);
        ObjectWrite write = ObjectWrite.of(auth, className, app.ids().next(), data);
        app.hooks().of(className).beforeCreate(write);
        RelationOps relations = RelationOps.extract(data);
        Map<String, Object> object = newObject(data, write.objectId());
        DefaultAcls.forNewObject(className, object.get("ACL"), write.objectId(),
                app.settings().enforcePrivateUsers()).ifPresent(acl -> object.put("ACL", acl));
        return new PreparedCreate(schema, data, serverSet, relations, object, write, changedByTrigger.keySet());
    }

    private WriteResult finishCreate(String className, PreparedCreate create) {
        String objectId = (String) create.object().get("objectId");
        create.relations().apply(app.storage(), className, objectId);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("objectId", objectId);
        response.put("createdAt", create.object().get("createdAt"));
        response.putAll(create.serverSet());
        response.putAll(operatorResults(create.data(), create.object()));
        addTriggerChanges(response, create.changedByTrigger(), create.object());
        app.hooks().of(className).afterCreate(create.write(), response);
        reportSaved(className, create.object(), null);
        runAfterSave(create.write().auth(), className, create.object(), null);
        return new WriteResult(objectId, response);
    }

    /** Fills the class's default ACL and field default values; returns what it filled, for the answer. */
    private Map<String, Object> applyServerDefaults(String className, ClassSchema schema, Map<String, Object> data) {
        Map<String, Object> filled = new LinkedHashMap<>();
        if (!data.containsKey("ACL")) {
            app.schemas().defaultAcl(className)
                    .filter(acl -> !acl.equals(PUBLIC_ACL))
                    .ifPresent(acl -> filled.put("ACL", acl));
        }
        Map<String, Object> withDefaults = app.schemas().applyDefaults(schema, data);
        withDefaults.forEach((key, value) -> {
            if (!java.util.Objects.equals(data.get(key), value)) {
                filled.put(key, value);
            }
        });
        data.putAll(filled);
        return filled;
    }

    /** The stored form of a new object: its values with operators applied to nothing, an id and timestamps. */
    private Map<String, Object> newObject(Map<String, Object> data, String objectId) {
        Map<String, Object> object = initialValues(data);
        String now = ParseDates.format(Instant.now(app.clock()));
        object.put("objectId", objectId);
        object.put("createdAt", now);
        object.put("updatedAt", now);
        return object;
    }

    /** {@code PUT /classes/:className/:objectId}: {@code {updatedAt}} plus the results of operators. */
    Map<String, Object> update(Auth auth, String className, String objectId, Map<String, Object> body) {
        checkWritable(auth, className, "update");
        InputRules.checkClassName(className);
        Map<String, Object> data = sanitize(className, body, false);
        if (app.schemas().get(className).isEmpty()) {
            throw ParseException.objectNotFound();
        }
        Map<String, Object> where = writableWhere(auth, className, Operation.UPDATE, objectId);
        // the object as stored, whoever may change it: class hooks (e.g. _User's 206) and the ACL still decide after
        Map<String, Object> original = needsStored(className, "beforeSave", "afterSave")
                || events.get().wants(className)
                ? stored(className, new LinkedHashMap<>(Map.of("objectId", objectId))) : null;
        Map<String, Object> changedByTrigger = new LinkedHashMap<>();
        data = runBeforeSave(auth, className, data, original, changedByTrigger);
        ClassSchema schema = app.schemas().validateObject(className, data, mayAddFields(auth, className, true));
        app.schemas().validateRequiredFields(className, data, true);
        ObjectWrite write = ObjectWrite.of(auth, className, objectId, data);
        app.hooks().of(className).beforeUpdate(write);
        RelationOps relations = RelationOps.extract(data);
        String now = ParseDates.format(Instant.now(app.clock()));
        Map<String, Object> update = new LinkedHashMap<>(data);
        update.put("updatedAt", now);
        Map<String, Object> updated = app.storage().findOneAndUpdate(className, schema, where, update)
                .orElseThrow(ParseException::objectNotFound);
        relations.apply(app.storage(), className, objectId);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("updatedAt", now);
        response.putAll(operatorResults(data, updated));
        addTriggerChanges(response, changedByTrigger.keySet(), updated);
        app.hooks().of(className).afterUpdate(write, response);
        reportSaved(className, updated, original);
        runAfterSave(auth, className, updated, original);
        return response;
    }

    /** {@code DELETE /classes/:className/:objectId}: {@code {}}; 101 when it isn't there. */
    void delete(Auth auth, String className, String objectId) {
        checkWritable(auth, className, "delete");
        InputRules.checkClassName(className);
        ClassSchema schema = app.schemas().get(className).orElseThrow(ParseException::objectNotFound);
        Map<String, Object> where = writableWhere(auth, className, Operation.DELETE, objectId);
        Map<String, Object> stored = needsStored(className, "beforeDelete", "afterDelete")
                || events.get().wants(className) ? stored(className, where) : null;
        if (stored != null && triggers.get().has("beforeDelete", className)) {
            triggers.get().beforeDelete(auth, className, stored);
        }
        ObjectWrite write = ObjectWrite.of(auth, className, objectId, new LinkedHashMap<>());
        app.hooks().of(className).beforeDelete(write);
        if (app.storage().deleteObjectsByQuery(className, schema, where) == 0) {
            throw ParseException.objectNotFound();
        }
        app.hooks().of(className).afterDelete(write);
        if (stored != null && events.get().wants(className)) {
            events.get().deleted(className, new LinkedHashMap<>(stored));
        }
        if (stored != null && triggers.get().has("afterDelete", className)) {
            triggers.get().afterDelete(auth, className, stored);
        }
    }

    // ---- the app's triggers ----

    private boolean needsStored(String className, String before, String after) {
        Triggers app = triggers.get();
        return app.has(before, className) || app.has(after, className);
    }

    /** The object a write may change, as stored; 101 when the caller may not change it or it is gone. */
    private Map<String, Object> stored(String className, Map<String, Object> where) {
        ClassSchema schema = app.schemas().get(className).orElseThrow(ParseException::objectNotFound);
        return app.storage().find(className, schema, where, dev.reparse.runtime.storage.QueryOptions.limit(1)).stream()
                .findFirst().map(found -> (Map<String, Object>) new LinkedHashMap<>(found))
                .orElseThrow(ParseException::objectNotFound);
    }

    /**
     * The beforeSave trigger's version of the write, checked like the client's; fills {@code changed} with the
     * fields the trigger set differently, which the answer then carries so the client's object matches.
     */
    private Map<String, Object> runBeforeSave(Auth auth, String className, Map<String, Object> data,
            Map<String, Object> original, Map<String, Object> changed) {
        if (!triggers.get().has("beforeSave", className)) {
            return data;
        }
        Map<String, Object> result = new LinkedHashMap<>(triggers.get().beforeSave(auth, className,
                new LinkedHashMap<>(data), original));
        result.remove("className");
        Map<String, Object> checked = sanitize(className, result, original == null);
        checked.forEach((key, value) -> {
            if (!data.containsKey(key) || !java.util.Objects.equals(data.get(key), value)) {
                changed.put(key, value);
            }
        });
        return checked;
    }

    private static void addTriggerChanges(Map<String, Object> response, java.util.Set<String> changed,
            Map<String, Object> stored) {
        for (String key : changed) {
            Object value = stored.containsKey(key) ? stored.get(key) : WhereResolver.valueAt(stored, key);
            if ((value != null || stored.containsKey(key)) && !response.containsKey(key)) {
                response.put(key, value);
            }
        }
    }

    /** The stored object to LiveQuery's listeners, before the app's afterSave may change the maps it is given. */
    private void reportSaved(String className, Map<String, Object> object, Map<String, Object> original) {
        WriteEvents listeners = events.get();
        if (listeners.wants(className)) {
            listeners.saved(className, new LinkedHashMap<>(object),
                    original == null ? null : new LinkedHashMap<>(original));
        }
    }

    private void runAfterSave(Auth auth, String className, Map<String, Object> object, Map<String, Object> original) {
        if (triggers.get().has("afterSave", className)) {
            triggers.get().afterSave(auth, className, object, original);
        }
    }

    private void checkPermission(Auth auth, String className, Operation operation) {
        if (!auth.master()) {
            ClassLevelPermissions.check(app.schemas().permissions(className), operation, auth.principal());
        }
    }

    private boolean mayAddFields(Auth auth, String className, boolean updating) {
        return auth.master() || ClassLevelPermissions.permits(app.schemas().permissions(className),
                Operation.ADD_FIELD, auth.principal(), updating);
    }

    /**
     * The query naming the one object an update or delete may change: narrowed by pointer
     * permissions and the ACL, so what the caller may not change answers 101 like a missing object.
     */
    private Map<String, Object> writableWhere(Auth auth, String className, Operation operation, String objectId) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        if (auth.master()) {
            return where;
        }
        ClassSchema schema = app.schemas().get(className).orElseThrow(ParseException::objectNotFound);
        return WriteAccess.constrain(app.schemas().permissions(className), operation, auth.principal(), where,
                name -> schema.field(name).map(type -> type.type()).orElse(null))
                .orElseThrow(ParseException::objectNotFound);
    }

    private static void checkWritable(Auth auth, String className, String operation) {
        SystemClassAccess.check(auth, className, operation);
        if (auth.readOnly()) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                    "read-only masterKey isn't allowed to perform the " + operation + " operation.");
        }
    }

    private void checkClassCreation(Auth auth, String className) {
        if (!auth.master() && !app.settings().allowClientClassCreation() && app.schemas().get(className).isEmpty()) {
            throw ClassCreation.refused("create", className);
        }
    }

    /** The client's fields, minus what only the server sets; refuses dangerous keys before anything is stored. */
    private static Map<String, Object> sanitize(String className, Map<String, Object> raw, boolean creating) {
        InputRules.checkKeys(raw);
        Map<String, Object> body = creating ? DottedKeys.nestForCreate(raw) : raw;
        for (String dateField : List.of("createdAt", "updatedAt")) {
            if (body.containsKey(dateField) && !isDate(body.get(dateField))) {
                throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "schema mismatch for " + className + "."
                        + dateField + "; expected Date but got " + typeName(body.get(dateField)));
            }
        }
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

    private static boolean isDate(Object value) {
        return value instanceof Map<?, ?> map && "Date".equals(map.get("__type"));
    }

    private static String typeName(Object value) {
        return dev.reparse.runtime.schema.ValueTypes.typeOf(value).map(type -> type.type()).orElse("null");
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
