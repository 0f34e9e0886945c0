package dev.reparse.runtime.graphql;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.FindRequest;
import dev.reparse.runtime.core.ParseCore;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side of the generated API: an object by id and Relay connections (a class's find, a relation's
 * objects), each one call of the core's get or find with the caller's auth, so ACL, CLP and protected fields
 * hold as for REST.
 */
final class ObjectReads {
    private final ParseCore core;
    private final Map<String, GraphQLClass> classes;
    private final WhereInput where;
    private final Outputs outputs;

    ObjectReads(ParseCore core, Map<String, GraphQLClass> classes) {
        this.core = core;
        this.classes = classes;
        this.where = new WhereInput(classes);
        this.outputs = new Outputs(classes);
    }

    Outputs outputs() {
        return outputs;
    }

    static Call call(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(Call.KEY);
    }

    /** The object of a class by global or object id, with the pointers the selection under {@code prefix} reads. */
    Map<String, Object> get(Call call, String className, String id, DataFetchingFieldSelectionSet selection,
            String prefix) {
        Set<String> include = Selections.includes(selection, prefix, className, classes);
        return get(call, call.auth(), className, GlobalIds.objectId(className, id), include);
    }

    Map<String, Object> get(Call call, Auth auth, String className, String objectId, Set<String> include) {
        FindRequest request = new FindRequest(new LinkedHashMap<>(), -1, 0, List.of(), null, Set.of(), include, false,
                null);
        Map<String, Object> found = new LinkedHashMap<>(core.get(auth, className, objectId, request));
        found.remove("sessionToken");
        return outputs.object(className, fill(call, found));
    }

    /** A class's {@code <classes>} query. */
    Map<String, Object> find(DataFetchingEnvironment env, String className) {
        return connection(env, className, where.toRest(className, env.getArgument("where")));
    }

    /** A relation field's objects: the target class's objects related to the source object. */
    Map<String, Object> relation(DataFetchingEnvironment env, String target, String field) {
        Map<String, Object> source = env.getSource();
        Map<String, Object> pointer = new LinkedHashMap<>();
        pointer.put("__type", "Pointer");
        pointer.put("className", source.get(Outputs.CLASS));
        pointer.put("objectId", source.get("objectId"));
        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("$relatedTo", Map.of("object", pointer, "key", field));
        rest.putAll(where.toRest(target, env.getArgument("where")));
        return connection(env, target, rest);
    }

    private Map<String, Object> connection(DataFetchingEnvironment env, String className, Map<String, Object> rest) {
        Call call = call(env);
        DataFetchingFieldSelectionSet selection = env.getSelectionSet();
        Page page = Page.of(env.getArgument("skip"), env.getArgument("first"), env.getArgument("after"),
                env.getArgument("last"), env.getArgument("before"), core.app().settings().limits().maxLimit());
        int skip = page.skip();
        Integer preCount = null;
        if (page.needsCount()) {
            preCount = count(call, className, rest);
            if (skip + page.limit() < preCount) {
                skip = preCount - page.limit();
            }
        }
        boolean wantsResults = Selections.selects(selection, "edges", "pageInfo");
        boolean wantsCount = preCount == null
                && Selections.selects(selection, "count", "pageInfo/hasNextPage", "pageInfo/hasPreviousPage");
        int limit = wantsResults ? (page.limit() < 0 ? FindRequestDefaults.LIMIT : page.limit()) : 0;
        FindRequest request = new FindRequest(rest, limit, limit == 0 ? 0 : skip, order(env.getArgument("order")),
                null, Set.of(), Selections.includes(selection, "edges/node/", className, classes), wantsCount, null);
        Map<String, Object> found = core.find(call.auth(), className, request);
        List<Object> edges = new ArrayList<>();
        List<?> results = found.get("results") instanceof List<?> list ? list : List.of();
        for (int i = 0; i < results.size(); i++) {
            Map<String, Object> node = new LinkedHashMap<>(WhereInput.castMap(results.get(i)));
            node.remove("sessionToken");
            edges.add(Map.of("cursor", GlobalIds.cursor(skip + i), "node", outputs.object(className, fill(call, node))));
        }
        int count = preCount != null ? preCount : found.get("count") instanceof Number number ? number.intValue() : 0;
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("edges", edges);
        connection.put("count", count);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasPreviousPage", count > 0 && skip > 0);
        pageInfo.put("startCursor", GlobalIds.cursor(skip));
        pageInfo.put("endCursor", GlobalIds.cursor(skip + Math.max(results.size(), 1) - 1));
        pageInfo.put("hasNextPage", count > skip + results.size());
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    private int count(Call call, String className, Map<String, Object> rest) {
        FindRequest request = new FindRequest(rest, 0, 0, List.of(), null, Set.of(), Set.of(), true, null);
        Object count = core.find(call.auth(), className, request).get("count");
        return count instanceof Number number ? number.intValue() : 0;
    }

    /** {@code [score_DESC, id_ASC]} as {@code ["-score", "objectId"]}. */
    private static List<String> order(List<String> order) {
        if (order == null) {
            return List.of();
        }
        List<String> rest = new ArrayList<>();
        for (String value : order) {
            boolean descending = value.endsWith("_DESC");
            String field = value.substring(0, value.lastIndexOf('_'));
            field = field.equals("id") ? "objectId" : field;
            rest.add(descending ? "-" + field : field);
        }
        return rest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fill(Call call, Map<String, Object> object) {
        return (Map<String, Object>) call.fileUrls().apply(object);
    }

    /** Relay's paging arguments as a skip and limit, as Parse Server computes them; {@code last} alone needs a count. */
    record Page(int skip, int limit, boolean needsCount) {
        static Page of(Integer skipInput, Integer first, String after, Integer last, String before, int maxLimit) {
            int skip = 0;
            int limit = -1;
            if (skipInput != null) {
                if (skipInput < 0) {
                    throw ParseException.invalidQuery("Skip should be a positive number");
                }
                skip = skipInput;
            }
            if (after != null) {
                int offset = GlobalIds.offset(after);
                if (offset < 0) {
                    throw ParseException.invalidQuery("After is not a valid cursor");
                }
                skip += offset + 1;
            }
            if (first != null) {
                if (first < 0) {
                    throw ParseException.invalidQuery("First should be a positive number");
                }
                limit = first;
            }
            if (before != null) {
                int offset = GlobalIds.offset(before);
                if (offset < 0) {
                    throw ParseException.invalidQuery("Before is not a valid cursor");
                }
                if (skip >= offset) {
                    limit = 0;
                } else if (limit < 0 || skip + limit > offset) {
                    limit = offset - skip;
                }
            }
            boolean needsCount = false;
            if (last != null) {
                if (last < 0) {
                    throw new ParseException(ParseErrorCode.INVALID_QUERY, "Last should be a positive number");
                }
                int lastLimit = Math.min(last, maxLimit);
                if (limit >= 0) {
                    if (lastLimit < limit) {
                        skip += limit - lastLimit;
                        limit = lastLimit;
                    }
                } else if (lastLimit == 0) {
                    limit = 0;
                } else {
                    limit = lastLimit;
                    needsCount = true;
                }
            }
            return new Page(skip, Math.min(limit, maxLimit), needsCount);
        }
    }

    /** Parse's default page size, for a connection asked without {@code first}. */
    private static final class FindRequestDefaults {
        static final int LIMIT = 100;
    }
}
