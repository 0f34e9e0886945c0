package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import dev.reparse.runtime.security.ReadAccess;
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
        this.whereResolver = new WhereResolver(app, new WhereResolver.SubqueryRunner() {
            @Override
            public List<Map<String, Object>> find(Auth auth, String className, FindRequest request, int depth,
                    Set<String> probed) {
                return findObjects(auth, className, request, depth, probed);
            }

            @Override
            public boolean readable(Auth auth, String className, String objectId, String field, int depth) {
                return QueryRunner.this.readable(auth, className, objectId, field, depth);
            }
        });
        this.includes = new Includes((auth, className, request, depth) ->
                findObjects(auth, className, request, depth, Set.of()));
    }

    /** {@code GET /classes/:className}: {@code {"results": [...]}}, with {@code count} when asked. */
    Map<String, Object> find(Auth auth, String className, FindRequest request) {
        SystemClassAccess.check(auth, className, "find");
        InputRules.checkReadableClassName(auth, className);
        Optional<ClassSchema> schema = existingClass(auth, className);
        Map<String, Object> response = new LinkedHashMap<>();
        String targetClass = redirectedClass(className, schema, request);
        boolean redirected = !targetClass.equals(className);
        if (redirected) {
            response.put("className", targetClass);
            schema = app.schemas().get(targetClass);
            request = request.withWhere(app.hooks().of(targetClass).restrictRead(auth, request.where()));
        }
        if (schema.isEmpty()) {
            validateForMissingClass(auth, targetClass, request);
            response.put("results", List.of());
            if (request.count()) {
                response.put("count", 0);
            }
            return response;
        }
        ClassSchema target = schema.get();
        int limit = request.effectiveLimit(app.settings().limits().maxLimit());
        boolean readsObjects = limit > 0 || !request.count();
        Operation operation = isGetById(request.where()) ? Operation.GET : Operation.FIND;
        ReadAccess access = readsObjects ? readAccess(auth, targetClass, operation, request) : null;
        ReadAccess countAccess = request.count() ? readAccess(auth, targetClass, Operation.COUNT, request) : null;
        Map<String, Object> resolved = whereResolver.resolve(auth, target, request.where(), 0);
        List<Map<String, Object>> results = access == null ? List.of()
                : runConstrained(auth, target, request, access, resolved, limit, 0);
        if (redirected) {
            // the objects are the relation's: its class answers them, and each names it, as Parse Server's do
            results.forEach(object -> {
                app.hooks().of(targetClass).beforeAnswer(auth, object);
                object.put("className", targetClass);
            });
        }
        response.put("results", results);
        if (countAccess != null) {
            response.put("count", countAccess.constrain(resolved, fieldTypes(target))
                    .map(where -> app.storage().count(targetClass, target, where)).orElse(0L));
        }
        return response;
    }

    /**
     * A query on a class that does not exist yet finds nothing, but is checked as on an existing class
     * (Parse Server answers 102, 105 or 107 for a malformed one there too): keys, operators, bounds.
     */
    private void validateForMissingClass(Auth auth, String className, FindRequest request) {
        ClassSchema empty = new ClassSchema(className, Map.of(), Map.of(), Map.of());
        Map<String, Object> resolved = whereResolver.resolve(auth, empty, request.where(), 0);
        app.settings().limits().query().checkSkip(request.skip());
        app.storage().checkQuery(className, empty, resolved);
    }

    /** {@code GET /classes/:className/:objectId}; 101 when it isn't there or the caller may not read it. */
    Map<String, Object> get(Auth auth, String className, String objectId, FindRequest request) {
        SystemClassAccess.check(auth, className, "get");
        InputRules.checkClassName(className);
        ClassSchema schema = app.schemas().get(className).orElseThrow(ParseException::objectNotFound);
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        ReadAccess access = readAccess(auth, className, Operation.GET, request.withWhere(where));
        List<Map<String, Object>> results = runConstrained(auth, schema, request, access, where, 1, 0);
        if (results.isEmpty()) {
            throw ParseException.objectNotFound();
        }
        return results.get(0);
    }

    /**
     * A find whose where is resolved here; used for subqueries and includes.
     *
     * @param probed fields the caller will read from the results beyond what they show ({@code $select} keys)
     */
    List<Map<String, Object>> findObjects(Auth auth, String className, FindRequest request, int depth,
            Set<String> probed) {
        SystemClassAccess.checkNestedRead(auth, className);
        Optional<ClassSchema> schema = app.schemas().get(className);
        if (schema.isEmpty()) {
            return List.of();
        }
        ReadAccess access = readAccess(auth, className, Operation.FIND, request);
        probed.forEach(access::checkField);
        Map<String, Object> where = whereResolver.resolve(auth, schema.get(), request.where(), depth);
        int limit = request.limit() < 0 ? app.settings().limits().maxLimit() : request.limit();
        return runConstrained(auth, schema.get(), request, access, where, limit, depth);
    }

    /** Whether the caller may get the object and probe the field of it (a {@code $relatedTo} owner). */
    boolean readable(Auth auth, String className, String objectId, String field, int depth) {
        Optional<ClassSchema> schema = app.schemas().get(className);
        if (schema.isEmpty()) {
            return false;
        }
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        FindRequest request = new FindRequest(where, 1, 0, List.of(), Set.of("objectId"), Set.of(), Set.of(), false,
                null);
        ReadAccess access = readAccess(auth, className, Operation.GET, request);
        access.checkField(field);
        return !runConstrained(auth, schema.get(), request, access, where, 1, depth).isEmpty();
    }

    /** The read's access rules, after refusing a query that names fields the caller may not probe. */
    private ReadAccess readAccess(Auth auth, String className, Operation operation, FindRequest request) {
        if (auth.master()) {
            return ReadAccess.master(className);
        }
        ReadAccess access = ReadAccess.of(className, app.schemas().permissions(className), operation,
                auth.principal(), request.where());
        access.checkQuery(request.where(), request.order());
        return access;
    }

    private List<Map<String, Object>> runConstrained(Auth auth, ClassSchema schema, FindRequest request,
            ReadAccess access, Map<String, Object> resolved, int limit, int depth) {
        return access.constrain(resolved, fieldTypes(schema))
                .map(where -> run(auth, schema, request, access, where, limit, depth))
                .orElseGet(List::of);
    }

    private List<Map<String, Object>> run(Auth auth, ClassSchema schema, FindRequest request, ReadAccess access,
            Map<String, Object> where, int limit, int depth) {
        app.settings().limits().query().checkSkip(request.skip());
        Set<String> keys = storedKeys(request, access.fieldsNeeded());
        QueryOptions options = new QueryOptions(request.skip(), limit, request.order(), keys);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map<String, Object> object : app.storage().find(schema.className(), schema, where, options)) {
            results.add(access.filter(new LinkedHashMap<>(object)));
        }
        Set<String> includePaths = includePaths(schema, request.include());
        if (!includePaths.isEmpty()) {
            includes.expand(auth, results, includePaths, request.keys(), depth);
        }
        results.replaceAll(object -> shape(object, request, keys));
        return results;
    }

    private static java.util.function.Function<String, String> fieldTypes(ClassSchema schema) {
        return name -> schema.field(name).map(FieldType::type).orElse(null);
    }

    /** A find whose where names only one objectId is a get, as the SDKs' {@code query.get(id)} sends it. */
    private static boolean isGetById(Map<String, Object> where) {
        return where.size() == 1 && where.get("objectId") instanceof String;
    }

    /** The classes a missing class may be read from: a client may not probe classes it couldn't create. */
    private Optional<ClassSchema> existingClass(Auth auth, String className) {
        Optional<ClassSchema> schema = app.schemas().get(className);
        if (schema.isEmpty() && !auth.master() && !app.settings().allowClientClassCreation()) {
            throw ClassCreation.refused("access non-existent", className);
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
    private static Set<String> storedKeys(FindRequest request, Set<String> needed) {
        if (request.keys() == null) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>(needed);
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

    /**
     * Drops what the caller did not ask to see, from the answer's own copy of the object: excluded
     * keys, and fields read only for the permission checks.
     */
    private static Map<String, Object> shape(Map<String, Object> shaped, FindRequest request, Set<String> storedKeys) {
        if (storedKeys != null) {
            Set<String> asked = new LinkedHashSet<>();
            request.keys().forEach(key -> asked.add(key.split("\\.")[0]));
            request.include().forEach(path -> asked.add(path.split("\\.")[0]));
            shaped.keySet().removeIf(key -> storedKeys.contains(key) && !asked.contains(key));
        }
        for (String excluded : request.excludeKeys()) {
            if (!excluded.equals("objectId")) {
                shaped.remove(excluded);
            }
        }
        return shaped;
    }
}
