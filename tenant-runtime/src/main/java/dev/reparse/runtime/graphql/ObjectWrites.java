package dev.reparse.runtime.graphql;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.ParseCore;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The generated {@code create<Class>}, {@code update<Class>} and {@code delete<Class>} mutations: Relay inputs
 * ({@code fields}, {@code id}, {@code clientMutationId}) to the core's create, update and delete with the caller's
 * auth; the payload's object is read back as the caller may see it.
 */
final class ObjectWrites {
    /** What every create or update answers. */
    private static final Set<String> WRITE_ANSWERS = Set.of("id", "objectId", "createdAt", "updatedAt", "__typename");
    /** Field types whose written value is the stored one. */
    private static final Set<String> PLAIN_TYPES = Set.of("String", "Number", "Boolean", "Date", "Object", "Array",
            "GeoPoint", "Bytes");

    private final ParseCore core;
    private final Map<String, GraphQLClass> classes;
    private final ObjectReads reads;

    ObjectWrites(ParseCore core, Map<String, GraphQLClass> classes, ObjectReads reads) {
        this.core = core;
        this.classes = classes;
        this.reads = reads;
    }

    Map<String, Object> create(DataFetchingEnvironment env, GraphQLClass type) {
        Call call = ObjectReads.call(env);
        Map<String, Object> input = env.getArgument("input");
        Map<String, Object> body = fields(call).toRest(type.className(), fieldsOf(input), false);
        Map<String, Object> created = core.create(call.auth(), type.className(), body);
        Map<String, Object> written = new LinkedHashMap<>(body);
        written.putAll(created);
        written.putIfAbsent("updatedAt", created.get("createdAt"));
        return payload(input, type, readBack(env, call, type, (String) created.get("objectId"), written));
    }

    Map<String, Object> update(DataFetchingEnvironment env, GraphQLClass type) {
        Call call = ObjectReads.call(env);
        Map<String, Object> input = env.getArgument("input");
        String objectId = GlobalIds.objectId(type.className(), (String) input.get("id"));
        Map<String, Object> body = fields(call).toRest(type.className(), fieldsOf(input), true);
        Map<String, Object> updated = core.update(call.auth(), type.className(), objectId, body);
        Map<String, Object> written = new LinkedHashMap<>(updated);
        written.put("objectId", objectId);
        return payload(input, type, readBack(env, call, type, objectId, written));
    }

    Map<String, Object> delete(DataFetchingEnvironment env, GraphQLClass type) {
        Call call = ObjectReads.call(env);
        Map<String, Object> input = env.getArgument("input");
        String objectId = GlobalIds.objectId(type.className(), (String) input.get("id"));
        Map<String, Object> object = reads.get(call, call.auth(), type.className(), objectId, includes(env, type));
        core.delete(call.auth(), type.className(), objectId);
        return payload(input, type, object);
    }

    private FieldsInput fields(Call call) {
        return new FieldsInput(classes, (className, body) ->
                (String) core.create(call.auth(), className, body).get("objectId"));
    }

    /**
     * The object as the caller now reads it; one the caller may not read shows what the write itself answered. When
     * the payload asks only for what the write answered (ids, dates, the plain fields it wrote) and no trigger may
     * have changed the object, that answer is the object, without reading it again (as Parse Server does).
     */
    private Map<String, Object> readBack(DataFetchingEnvironment env, Call call, GraphQLClass type, String objectId,
            Map<String, Object> written) {
        if (answeredByWrite(env, type, written)) {
            written.remove("sessionToken");
            return reads.outputs().object(type.className(), written);
        }
        try {
            return reads.get(call, call.auth(), type.className(), objectId, includes(env, type));
        } catch (ParseException e) {
            if (e.code() != ParseErrorCode.OBJECT_NOT_FOUND) {
                throw e;
            }
            written.remove("sessionToken");
            return reads.outputs().object(type.className(), written);
        }
    }

    private boolean answeredByWrite(DataFetchingEnvironment env, GraphQLClass type, Map<String, Object> written) {
        if (core.triggers().has("beforeSave", type.className()) || core.triggers().has("afterFind", type.className())
                || type.isUser()) {
            return false;
        }
        for (var field : env.getSelectionSet().getImmediateFields()) {
            if (!field.getName().equals(type.getQuery())) {
                continue;
            }
            for (var selected : field.getSelectionSet().getImmediateFields()) {
                String name = selected.getName();
                boolean known = WRITE_ANSWERS.contains(name) || written.containsKey(name)
                        && type.fields().containsKey(name) && PLAIN_TYPES.contains(type.fields().get(name).type())
                        && !(written.get(name) instanceof Map<?, ?> op && op.containsKey("__op"));
                if (!known) {
                    return false;
                }
            }
        }
        return true;
    }

    private Set<String> includes(DataFetchingEnvironment env, GraphQLClass type) {
        return Selections.includes(env.getSelectionSet(), type.getQuery() + "/", type.className(), classes);
    }

    private static Map<String, Object> fieldsOf(Map<String, Object> input) {
        return input.get("fields") instanceof Map<?, ?> fields ? WhereInput.castMap(fields) : null;
    }

    static Map<String, Object> payload(Map<String, Object> input, GraphQLClass type, Map<String, Object> object) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(type.getQuery(), object);
        payload.put("clientMutationId", input.get("clientMutationId"));
        return payload;
    }
}
