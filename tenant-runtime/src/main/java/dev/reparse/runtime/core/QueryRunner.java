package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import dev.reparse.runtime.security.AccessControlLists;
import dev.reparse.runtime.security.ClassLevelPermissions;
import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import dev.reparse.runtime.storage.QueryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, gets and counts objects: the read half of the core, shared by the REST routes, {@code
 * /batch} and subqueries. Reads as Parse Server's {@code RestQuery.execute}: resolve the where,
 * run it, include pointers, shape the answer.
 */
final class QueryRunner {
    private final AppContext app;
    private final WhereResolver whereResolver;
    private final Includes includes;

    QueryRunner(AppContext app) {
        this.app = app;
        this.whereResolver = new WhereResolver(app, this::findObjects);
        this.includes = new Includes(this::findObjects);
    }

    /** {@code GET /classes/:className}: {@code {"results": [...]}}, with {@code count} when asked. */
    Map<String, Object> find(Auth auth, String className, FindRequest request) {
        InputRules.checkClassName(className);
        Optional<ClassSchema> schema = existingClass(auth, className);
        Map<String, Object> response = new LinkedHashMap<>();
        String targetClass = redirectedClass(className, schema, request);
        if (!targetClass.equals(className)) {
            response.put("className", targetClass);
            schema = app.schemas().get(targetClass);
        }
        if (schema.isEmpty()) {
            response.put("results", List.of());
            if (request.count()) {
                response.put("count", 0);
            }
            return response;
        }
        int limit = request.effectiveLimit(app.settings().limits().maxLimit());
        boolean readsObjects = limit > 0 || !request.count();
        if (readsObjects) {
            checkPermission(auth, targetClass, isGetById(request.where()) ? Operation.GET : Operation.FIND);
        }
        if (request.count()) {
            checkPermission(auth, targetClass, Operation.COUNT);
        }
        Map<String, Object> where = readable(auth, whereResolver.resolve(auth, schema.get(), request.where(), 0));
        List<Map<String, Object>> results = readsObjects
                ? run(auth, schema.get(), request, where, limit, 0)
                : List.of();
        response.put("results", results);
        if (request.count()) {
            response.put("count", app.storage().count(targetClass, schema.get(), where));
        }
        return response;
    }

    /** {@code GET /classes/:className/:objectId}; 101 when it isn't there. */
    Map<String, Object> get(Auth auth, String className, String objectId, FindRequest request) {
        InputRules.checkClassName(className);
        ClassSchema schema = app.schemas().get(className).orElseThrow(ParseException::objectNotFound);
        checkPermission(auth, className, Operation.GET);
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        List<Map<String, Object>> results = run(auth, schema, request, readable(auth, where), 1, 0);
        if (results.isEmpty()) {
            throw ParseException.objectNotFound();
        }
        return results.get(0);
    }

    /** A find whose where is resolved here; used for subqueries and includes. */
    List<Map<String, Object>> findObjects(Auth auth, String className, FindRequest request, int depth) {
        Optional<ClassSchema> schema = app.schemas().get(className);
        if (schema.isEmpty()) {
            return List.of();
        }
        checkPermission(auth, className, Operation.FIND);
        Map<String, Object> where = readable(auth, whereResolver.resolve(auth, schema.get(), request.where(), depth));
        int limit = request.limit() < 0 ? app.settings().limits().maxLimit() : request.limit();
        return run(auth, schema.get(), request, where, limit, depth);
    }

    private List<Map<String, Object>> run(Auth auth, ClassSchema schema, FindRequest request,
            Map<String, Object> where, int limit, int depth) {
        QueryOptions options = new QueryOptions(request.skip(), limit, request.order(), storedKeys(request));
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map<String, Object> object : app.storage().find(schema.className(), schema, where, options)) {
            results.add(new LinkedHashMap<>(object));
        }
        Set<String> includePaths = includePaths(schema, request.include());
        if (!includePaths.isEmpty()) {
            includes.expand(auth, results, includePaths, request.keys(), depth);
        }
        results.replaceAll(object -> shape(object, request));
        return results;
    }

    private void checkPermission(Auth auth, String className, Operation operation) {
        if (!auth.master()) {
            ClassLevelPermissions.check(app.schemas().permissions(className), operation, auth.principal());
        }
    }

    /** A find whose where names only one objectId is a get, as the SDKs' {@code query.get(id)} sends it. */
    private static boolean isGetById(Map<String, Object> where) {
        return where.size() == 1 && where.get("objectId") instanceof String;
    }

    private static Map<String, Object> readable(Auth auth, Map<String, Object> where) {
        return auth.master() ? where : AccessControlLists.readable(where, auth.principal());
    }

    /** The classes a missing class may be read from: a client may not probe classes it couldn't create. */
    private Optional<ClassSchema> existingClass(Auth auth, String className) {
        Optional<ClassSchema> schema = app.schemas().get(className);
        if (schema.isEmpty() && !auth.master() && !app.settings().allowClientClassCreation()) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                    "Permission denied");
        }
        return schema;
    }

    private static String redirectedClass(String className, Optional<ClassSchema> schema, FindRequest request) {
        String key = request.redirectClassNameForKey();
        if (key == null || schema.isEmpty()) {
            return className;
        }
        FieldType type = schema.get().fields().get(key);
        return type != null && type.isRelation() ? type.targetClass() : className;
    }

    /** Top-level fields to read: the asked keys, plus what includes walk through. */
    private static Set<String> storedKeys(FindRequest request) {
        if (request.keys() == null) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String key : request.keys()) {
            keys.add(key.split("\\.")[0]);
        }
        for (String path : request.include()) {
            keys.add(path.split("\\.")[0]);
        }
        return keys;
    }

    /** Every include path and its parents, {@code *} meaning every pointer field. */
    private static Set<String> includePaths(ClassSchema schema, Set<String> requested) {
        Set<String> paths = new LinkedHashSet<>();
        for (String path : requested) {
            if (path.equals("*")) {
                schema.fields().forEach((name, type) -> {
                    if (type.isPointer()) {
                        paths.add(name);
                    }
                });
                continue;
            }
            String[] segments = path.split("\\.");
            StringBuilder prefix = new StringBuilder();
            for (String segment : segments) {
                if (!prefix.isEmpty()) {
                    prefix.append('.');
                }
                prefix.append(segment);
                paths.add(prefix.toString());
            }
        }
        return paths;
    }

    /** Drops what the caller must not or did not ask to see, from the answer's own copy of the object. */
    private static Map<String, Object> shape(Map<String, Object> shaped, FindRequest request) {
        shaped.keySet().removeIf(key -> key.startsWith("_"));
        for (String excluded : request.excludeKeys()) {
            if (!excluded.equals("objectId")) {
                shaped.remove(excluded);
            }
        }
        return shaped;
    }
}
