package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transport-free Parse API of one app: what the REST routes, {@code /batch} and (later) Cloud
 * Code and LiveQuery call. Knows nothing of HTTP.
 */
public final class ParseCore {
    private final AppContext app;
    private final QueryRunner queries;
    private final ObjectWriter writer;
    private volatile Triggers triggers = Triggers.NONE;
    private volatile WriteEvents writeEvents = WriteEvents.NONE;

    public ParseCore(AppContext app) {
        this.app = app;
        this.queries = new QueryRunner(app);
        this.writer = new ObjectWriter(app, this::triggers, () -> writeEvents);
    }

    /** The app's triggers from now on (Cloud Code, webhooks); {@link Triggers#NONE} until a feature installs them. */
    public void useTriggers(Triggers appTriggers) {
        this.triggers = java.util.Objects.requireNonNull(appTriggers, "triggers");
    }

    public Triggers triggers() {
        return triggers;
    }

    /** Who hears of every write once it is stored (LiveQuery); {@link WriteEvents#NONE} until a feature installs it. */
    public void useWriteEvents(WriteEvents events) {
        this.writeEvents = java.util.Objects.requireNonNull(events, "events");
    }

    /**
     * Prepares the app's store as Parse Server does at start-up: the system classes exist, and
     * usernames, emails and role names are unique. Safe to run on every start and on every replica.
     */
    public void initialize() {
        app.schemas().ensureSystemClasses();
        ensureUnique("_User", "username");
        ensureUnique("_User", "email");
        ensureUnique("_Role", "name");
    }

    private void ensureUnique(String className, String field) {
        app.schemas().get(className).ifPresent(schema ->
                app.storage().ensureUniqueness(className, schema, List.of(field)));
    }

    public AppContext app() {
        return app;
    }

    public Map<String, Object> find(Auth auth, String className, FindRequest asked) {
        Triggers app = triggers;
        FindRequest request = app.has("beforeFind", className) ? app.beforeFind(auth, className, asked, false) : asked;
        ClassHooks hooks = this.app.hooks().of(className);
        Map<String, Object> where = hooks.restrictRead(auth, request.where());
        Map<String, Object> response = queries.find(auth, className, withWhere(request, where, request.limit()));
        if (response.get("results") instanceof List<?> found) {
            List<Map<String, Object>> results = castList(found);
            if (app.has("afterFind", className) && !(request.count() && request.limit() == 0)) {
                results = new ArrayList<>(app.afterFind(auth, className, results, request, false));
                response.put("results", results);
            }
            results.forEach(object -> hooks.beforeAnswer(auth, object));
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(List<?> list) {
        return (List<Map<String, Object>>) list;
    }

    public Map<String, Object> get(Auth auth, String className, String objectId, FindRequest asked) {
        if (triggers.has("beforeFind", className) || triggers.has("afterFind", className)) {
            return getWithTriggers(auth, className, objectId, asked);
        }
        ClassHooks hooks = app.hooks().of(className);
        FindRequest request = asked;
        Map<String, Object> byId = new LinkedHashMap<>();
        byId.put("objectId", objectId);
        Map<String, Object> where = hooks.restrictRead(auth, byId);
        Map<String, Object> object;
        if (where.equals(byId)) {
            object = queries.get(auth, className, objectId, request);
        } else {
            Object results = queries.find(auth, className, withWhere(request, where, 1)).get("results");
            if (!(results instanceof List<?> list) || list.isEmpty()) {
                throw ParseException.objectNotFound();
            }
            object = castMap(list.get(0));
        }
        hooks.beforeAnswer(auth, object);
        return object;
    }

    /** A get as a find of one id, so beforeFind may change it and afterFind see it, as Parse Server runs them. */
    private Map<String, Object> getWithTriggers(Auth auth, String className, String objectId, FindRequest asked) {
        Map<String, Object> byId = new LinkedHashMap<>();
        byId.put("objectId", objectId);
        FindRequest request = withWhere(asked, byId, 1);
        if (triggers.has("beforeFind", className)) {
            request = triggers.beforeFind(auth, className, request, true);
        }
        ClassHooks hooks = app.hooks().of(className);
        Map<String, Object> where = hooks.restrictRead(auth, request.where());
        Object found = queries.find(auth, className, withWhere(request, where, request.limit())).get("results");
        List<Map<String, Object>> results = found instanceof List<?> list ? castList(list) : List.of();
        if (triggers.has("afterFind", className) && !results.isEmpty()) {
            results = triggers.afterFind(auth, className, results, request, true);
        }
        if (results.isEmpty()) {
            throw ParseException.objectNotFound();
        }
        Map<String, Object> object = new LinkedHashMap<>(results.get(0));
        hooks.beforeAnswer(auth, object);
        return object;
    }

    private static FindRequest withWhere(FindRequest request, Map<String, Object> where, int limit) {
        return new FindRequest(where, limit, request.skip(), request.order(), request.keys(), request.excludeKeys(),
                request.include(), request.count(), request.redirectClassNameForKey());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /**
     * The where a LiveQuery subscription of the caller matches with: refused as a find of the class would be
     * (system classes, class names), narrowed as the class narrows its finds (a {@code _Session} to the user's).
     */
    public Map<String, Object> liveQueryWhere(Auth auth, String className, Map<String, Object> where) {
        SystemClassAccess.check(auth, className, "find");
        InputRules.checkReadableClassName(auth, className);
        return app.hooks().of(className).restrictRead(auth, where);
    }

    /** Creates an object; the answer's {@code objectId} names it. */
    public Map<String, Object> create(Auth auth, String className, Map<String, Object> body) {
        return writer.create(auth, className, body).response();
    }

    /**
     * Refuses a write body's prototype-pollution and {@code $} keys, at any depth, as every create
     * and update does; for features that use part of a body before the core sees it (an authData
     * log-in stores the body's authData on the user it finds).
     */
    public static void checkKeys(Map<String, Object> body) {
        InputRules.checkKeys(body);
    }

    /**
     * Creates several objects of one class, stored together; per body, in order, its answer (a
     * map with {@code objectId}) or the {@link ParseException} that refused it.
     */
    public List<Object> createAll(Auth auth, String className, List<Map<String, Object>> bodies) {
        List<Object> outcomes = writer.createAll(auth, className, bodies);
        outcomes.replaceAll(outcome -> outcome instanceof ObjectWriter.WriteResult result ? result.response() : outcome);
        return outcomes;
    }

    public Map<String, Object> update(Auth auth, String className, String objectId, Map<String, Object> body) {
        return writer.update(auth, className, objectId, body);
    }

    public void delete(Auth auth, String className, String objectId) {
        writer.delete(auth, className, objectId);
    }

    // ---- master-key operations ----

    /** {@code GET /config}: params, and for the master key which of them are master-only. */
    public Map<String, Object> getConfig(Auth auth) {
        Map<String, Object> stored = app.storage().getGlobalConfig();
        Map<String, Object> params = new LinkedHashMap<>(mapOf(stored.get("params")));
        Map<String, Object> masterKeyOnly = mapOf(stored.get("masterKeyOnly"));
        Map<String, Object> response = new LinkedHashMap<>();
        if (auth.master()) {
            response.put("params", params);
            response.put("masterKeyOnly", masterKeyOnly);
        } else {
            params.keySet().removeIf(key -> Boolean.TRUE.equals(masterKeyOnly.get(key)));
            response.put("params", params);
        }
        return response;
    }

    /** {@code PUT /config}: sets or deletes params. */
    public Map<String, Object> updateConfig(Auth auth, Map<String, Object> body) {
        requireWritableMaster(auth);
        InputRules.checkKeys(body);
        Map<String, Object> params = mapOf(body.get("params"));
        Map<String, Object> masterKeyOnly = mapOf(body.get("masterKeyOnly"));
        app.storage().updateGlobalConfig(params, masterKeyOnly);
        return Map.of("result", true);
    }

    /** {@code GET /aggregate/:className}: a pipeline, or {@code distinct} of a field. */
    public Map<String, Object> aggregate(Auth auth, String className, Map<String, Object> params) {
        requireMaster(auth);
        InputRules.checkClassName(className);
        ClassSchema schema = app.schemas().get(className).orElse(null);
        if (schema == null) {
            return Map.of("results", List.of());
        }
        if (params.get("distinct") != null) {
            FindRequest where = FindRequest.fromParams(whereOnly(params));
            Map<String, Object> resolved = where.where();
            return Map.of("results", app.storage().distinct(className, schema, resolved,
                    String.valueOf(params.get("distinct"))));
        }
        return Map.of("results", app.storage().aggregate(className, schema, Aggregation.pipelineOf(params)));
    }

    /** {@code DELETE /purge/:className}: every object of the class, schema kept. */
    public Map<String, Object> purge(Auth auth, String className) {
        requireWritableMaster(auth);
        InputRules.checkClassName(className);
        app.schemas().get(className).ifPresent(schema ->
                app.storage().deleteObjectsByQuery(className, schema, new LinkedHashMap<>()));
        app.hooks().of(className).afterPurge();
        return Map.of();
    }

    // ---- /schemas ----

    public Map<String, Object> allSchemas(Auth auth) {
        requireMaster(auth);
        List<Object> results = new ArrayList<>();
        for (ClassSchema schema : app.schemas().all()) {
            results.add(app.schemas().toJson(schema));
        }
        return Map.of("results", results);
    }

    public Map<String, Object> getSchema(Auth auth, String className) {
        requireMaster(auth);
        return app.schemas().get(className)
                .map(app.schemas()::toJson)
                .orElseThrow(() -> new ParseException(ParseErrorCode.INVALID_CLASS_NAME,
                        "Class " + className + " does not exist."));
    }

    public Map<String, Object> createSchema(Auth auth, String className, Map<String, Object> body) {
        requireWritableMaster(auth);
        InputRules.checkKeys(body);
        String bodyClass = body.get("className") instanceof String name ? name : null;
        if (className != null && bodyClass != null && !className.equals(bodyClass)) {
            throw new ParseException(ParseErrorCode.INVALID_CLASS_NAME,
                    "Class name mismatch between " + bodyClass + " and " + className + ".");
        }
        String name = className != null ? className : bodyClass;
        if (name == null) {
            throw new ParseException(135, "POST /schemas needs a class name.");
        }
        ClassSchema created = app.schemas().createClass(name, mapOf(body.get("fields")),
                mapOrNull(body.get("classLevelPermissions")), mapOrNull(body.get("indexes")));
        return app.schemas().toJson(created);
    }

    public Map<String, Object> updateSchema(Auth auth, String className, Map<String, Object> body) {
        requireWritableMaster(auth);
        InputRules.checkKeys(body);
        if (body.get("className") instanceof String bodyClass && !bodyClass.equals(className)) {
            throw new ParseException(ParseErrorCode.INVALID_CLASS_NAME,
                    "Class name mismatch between " + bodyClass + " and " + className + ".");
        }
        ClassSchema updated = app.schemas().updateClass(className, mapOf(body.get("fields")),
                mapOrNull(body.get("classLevelPermissions")), mapOrNull(body.get("indexes")));
        return app.schemas().toJson(updated);
    }

    public Map<String, Object> deleteSchema(Auth auth, String className) {
        requireWritableMaster(auth);
        InputRules.checkClassName(className);
        app.schemas().deleteClass(className);
        return Map.of();
    }

    private static Map<String, Object> whereOnly(Map<String, Object> params) {
        Map<String, Object> where = new LinkedHashMap<>();
        if (params.containsKey("where")) {
            where.put("where", params.get("where"));
        }
        return where;
    }

    private static void requireMaster(Auth auth) {
        auth.requireMaster();
    }

    private static void requireWritableMaster(Auth auth) {
        requireMaster(auth);
        if (auth.readOnly()) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                    "read-only masterKey isn't allowed to perform this operation.");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object value) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ParseException(ParseErrorCode.INVALID_JSON, "expected a JSON object");
    }

    private static Map<String, Object> mapOrNull(Object value) {
        return value == null ? null : mapOf(value);
    }
}
