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

    /** The object as the caller now reads it; one the caller may not read shows what the write itself answered. */
    private Map<String, Object> readBack(DataFetchingEnvironment env, Call call, GraphQLClass type, String objectId,
            Map<String, Object> written) {
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
