package dev.reparse.runtime.graphql;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.cloud.CloudFeature;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.users.Users;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields that are not one class's: {@code node}, {@code viewer}, {@code signUp}, {@code logIn},
 * {@code logOut} and {@code callCloudCode}; each calls the users or cloud feature the REST routes call.
 */
final class AppResolvers {
    private static final String USER = "_User";

    private final Users users;
    private final CloudFeature cloud;
    private final Map<String, GraphQLClass> classes;
    private final ObjectReads reads;

    AppResolvers(Users users, CloudFeature cloud, Map<String, GraphQLClass> classes, ObjectReads reads) {
        this.users = users;
        this.cloud = cloud;
        this.classes = classes;
        this.reads = reads;
    }

    /** {@code node(id)}: the object a global id names, in whichever class. */
    Map<String, Object> node(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        String[] parsed = GlobalIds.parse(id);
        if (parsed == null || !classes.containsKey(parsed[0])) {
            throw new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Object not found.");
        }
        return reads.get(ObjectReads.call(env), parsed[0], parsed[1], env.getSelectionSet(), "");
    }

    /** {@code viewer}: the session's user and token; without a session 209, worded as Parse Server 9 sanitizes it. */
    Map<String, Object> viewer(DataFetchingEnvironment env) {
        Call call = ObjectReads.call(env);
        String token = call.auth().sessionToken()
                .orElseThrow(() -> new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Permission denied"));
        return viewerOf(env, call, token, "user/");
    }

    Map<String, Object> signUp(DataFetchingEnvironment env) {
        Call call = ObjectReads.call(env);
        Map<String, Object> input = env.getArgument("input");
        Map<String, Object> fields = input.get("fields") instanceof Map<?, ?> map ? WhereInput.castMap(map) : null;
        Map<String, Object> body = new FieldsInput(classes, (className, rest) -> {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN, "createAndLink is not allowed in signUp");
        }).toRest(USER, fields, false);
        Map<String, Object> answer = users.signUp(call.auth(), body).response();
        return loggedIn(env, call, input, answer);
    }

    Map<String, Object> logIn(DataFetchingEnvironment env) {
        Call call = ObjectReads.call(env);
        Map<String, Object> input = env.getArgument("input");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("username", input.get("username"));
        params.put("password", input.get("password"));
        if (input.get("authData") != null) {
            params.put("authData", input.get("authData"));
        }
        return loggedIn(env, call, input, users.logIn(call.auth(), params));
    }

    Map<String, Object> logOut(DataFetchingEnvironment env) {
        Call call = ObjectReads.call(env);
        Map<String, Object> input = env.getArgument("input");
        users.logOut(call.auth());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ok", true);
        payload.put("clientMutationId", input.get("clientMutationId"));
        return payload;
    }

    /** {@code callCloudCode}: the function through the same path as {@code POST /functions/:name}. */
    Map<String, Object> callCloudCode(DataFetchingEnvironment env) {
        Call call = ObjectReads.call(env);
        Map<String, Object> input = env.getArgument("input");
        String name = (String) input.get("functionName");
        if (cloud == null) {
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, "Invalid function: \"" + name + "\"");
        }
        Map<String, Object> params = input.get("params") instanceof Map<?, ?> map
                ? new LinkedHashMap<>(WhereInput.castMap(map)) : new LinkedHashMap<>();
        Map<String, Object> answer = cloud.runFunction(call.auth(), name, params);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("result", call.fileUrls().apply(answer.get("result")));
        payload.put("clientMutationId", input.get("clientMutationId"));
        return payload;
    }

    private Map<String, Object> loggedIn(DataFetchingEnvironment env, Call call, Map<String, Object> input,
            Map<String, Object> answer) {
        String token = (String) answer.get("sessionToken");
        if (token == null) {
            throw new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Invalid session token");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("viewer", viewerOf(env, call, token, "viewer/user/"));
        payload.put("clientMutationId", input.get("clientMutationId"));
        return payload;
    }

    /** The viewer of a session: its token, and its user read as that user. */
    private Map<String, Object> viewerOf(DataFetchingEnvironment env, Call call, String token, String prefix) {
        Auth auth = users.authenticate(token, call.installationId());
        String userId = auth.userId()
                .orElseThrow(() -> new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Invalid session token"));
        Set<String> include = Selections.includes(env.getSelectionSet(), prefix, USER, classes);
        Map<String, Object> viewer = new LinkedHashMap<>();
        viewer.put("sessionToken", token);
        viewer.put("user", reads.get(call, auth, USER, userId, include));
        return viewer;
    }
}
