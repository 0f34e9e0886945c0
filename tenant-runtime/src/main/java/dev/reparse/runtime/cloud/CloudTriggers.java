package dev.reparse.runtime.cloud;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.FindRequest;
import dev.reparse.runtime.core.Triggers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The core's {@link Triggers}, served by the app's Cloud Code or, for a trigger the code does not register, by a
 * webhook: Cloud Code takes precedence, as a deployed release is what the developer last shipped.
 */
final class CloudTriggers implements Triggers {
    private static final Logger LOG = Logger.getLogger(CloudTriggers.class);
    private static final Set<String> QUERY_KEYS = Set.of("where", "limit", "skip", "order", "keys", "excludeKeys",
            "include", "readPreference", "includeReadPreference", "subqueryReadPreference", "hint", "explain", "comment");

    private static final String FILE_CLASS = "@File";

    private final CloudCode code;
    private final Webhooks webhooks;
    private final CallPayloads payloads;
    private final ScriptLog log;

    CloudTriggers(CloudCode code, Webhooks webhooks, CallPayloads payloads, ScriptLog log) {
        this.code = code;
        this.webhooks = webhooks;
        this.payloads = payloads;
        this.log = log;
    }

    @Override
    public boolean has(String triggerName, String className) {
        return (code != null && code.hasTrigger(triggerName, className))
                || webhooks.trigger(triggerName, className).isPresent();
    }

    @Override
    public Map<String, Object> beforeSave(Auth auth, String className, Map<String, Object> changes,
            Map<String, Object> original) {
        Map<String, Object> request = payloads.request(auth);
        request.put("changes", changes);
        if (original != null) {
            request.put("original", original);
        }
        Object answer = run("beforeSave", className, request, merged(original, changes));
        if (answer instanceof Map<?, ?> map && map.get("object") instanceof Map<?, ?> object) {
            return castMap(object);
        }
        return answer instanceof Map<?, ?> object && webhookServes("beforeSave", className) ? withoutServerFields(object)
                : changes;
    }

    @Override
    public void afterSave(Auth auth, String className, Map<String, Object> object, Map<String, Object> original) {
        Map<String, Object> request = payloads.request(auth);
        request.put("object", object);
        if (original != null) {
            request.put("original", original);
        }
        runAfter("afterSave", className, request, object);
    }

    @Override
    public void beforeDelete(Auth auth, String className, Map<String, Object> object) {
        Map<String, Object> request = payloads.request(auth);
        request.put("object", object);
        run("beforeDelete", className, request, object);
    }

    @Override
    public void afterDelete(Auth auth, String className, Map<String, Object> object) {
        Map<String, Object> request = payloads.request(auth);
        request.put("object", object);
        runAfter("afterDelete", className, request, object);
    }

    @Override
    public FindRequest beforeFind(Auth auth, String className, FindRequest find, boolean isGet) {
        Map<String, Object> request = payloads.request(auth);
        request.put("query", queryJson(find));
        request.put("isGet", isGet);
        request.put("count", find.count());
        Object answer = run("beforeFind", className, request, null);
        if (!(answer instanceof Map<?, ?> map) || !(map.get("query") instanceof Map<?, ?> query)) {
            return find;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        query.forEach((key, value) -> {
            if (QUERY_KEYS.contains(String.valueOf(key)) && value != null) {
                params.put(String.valueOf(key), value);
            }
        });
        FindRequest changed = FindRequest.fromParams(params);
        return new FindRequest(changed.where(), changed.limit(), changed.skip(), changed.order(), changed.keys(),
                changed.excludeKeys(), changed.include(), find.count(), find.redirectClassNameForKey());
    }

    @Override
    public List<Map<String, Object>> afterFind(Auth auth, String className, List<Map<String, Object>> objects,
            FindRequest find, boolean isGet) {
        Map<String, Object> request = payloads.request(auth);
        request.put("objects", objects);
        request.put("query", queryJson(find));
        request.put("isGet", isGet);
        Object answer = run("afterFind", className, request, null);
        Object results = answer instanceof Map<?, ?> map ? map.get("objects") : answer;
        if (!(results instanceof List<?> list)) {
            return objects;
        }
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> object) {
                changed.add(castMap(object));
            }
        }
        return changed;
    }

    @Override
    public void beforeLogin(Auth auth, Map<String, Object> user) {
        objectTrigger("beforeLogin", "_User", auth, user, false);
    }

    @Override
    public void afterLogin(Auth auth, Map<String, Object> user) {
        if (has("afterLogin", "_User")) {
            Map<String, Object> request = payloads.request(auth);
            Map<String, Object> loggedIn = CallPayloads.withoutInternals(user);
            request.put("object", loggedIn);
            if (user.get("sessionToken") instanceof String token) {
                Map<String, Object> withToken = new LinkedHashMap<>(loggedIn);
                withToken.put("sessionToken", token);
                request.put("user", withToken);
            }
            runAfter("afterLogin", "_User", request, null);
        }
    }

    @Override
    public void afterLogout(Auth auth, Map<String, Object> session) {
        objectTrigger("afterLogout", "_Session", auth, session, true);
    }

    @Override
    public void beforePasswordResetRequest(Auth auth, Map<String, Object> user) {
        objectTrigger("beforePasswordResetRequest", "_User", auth, user, false);
    }

    /** A trigger whose request carries one stored object (a user, a session) without its internal fields. */
    private void objectTrigger(String triggerName, String className, Auth auth, Map<String, Object> object,
            boolean after) {
        if (!has(triggerName, className)) {
            return;
        }
        Map<String, Object> request = payloads.request(auth);
        request.put("object", CallPayloads.withoutInternals(object));
        if (after) {
            runAfter(triggerName, className, request, null);
        } else {
            run(triggerName, className, request, null);
        }
    }

    @Override
    public void beforeSaveFile(Auth auth, Map<String, Object> file) {
        fileTrigger("beforeSave", auth, file);
    }

    @Override
    public void afterSaveFile(Auth auth, Map<String, Object> file) {
        afterFileTrigger("afterSave", auth, file);
    }

    @Override
    public void beforeDeleteFile(Auth auth, Map<String, Object> file) {
        fileTrigger("beforeDelete", auth, file);
    }

    @Override
    public void afterDeleteFile(Auth auth, Map<String, Object> file) {
        afterFileTrigger("afterDelete", auth, file);
    }

    private void afterFileTrigger(String triggerName, Auth auth, Map<String, Object> file) {
        try {
            fileTrigger(triggerName, auth, file);
        } catch (ParseException e) {
            log.write("error", triggerName + " failed for a file: " + e.getMessage());
        }
    }

    /** File triggers are Cloud Code's only ({@code Parse.Cloud.beforeSave(Parse.File, ...)}); webhooks have none. */
    private void fileTrigger(String triggerName, Auth auth, Map<String, Object> file) {
        if (code != null && code.hasTrigger(triggerName, FILE_CLASS)) {
            Map<String, Object> request = payloads.request(auth);
            request.put("file", file);
            code.trigger(triggerName, FILE_CLASS, request);
        }
    }

    private boolean webhookServes(String triggerName, String className) {
        return (code == null || !code.hasTrigger(triggerName, className))
                && webhooks.trigger(triggerName, className).isPresent();
    }

    /** Runs the trigger in the app's code, or its webhook (whose body carries the whole object). */
    private Object run(String triggerName, String className, Map<String, Object> request, Map<String, Object> object) {
        if (code != null && code.hasTrigger(triggerName, className)) {
            return code.trigger(triggerName, className, request);
        }
        Optional<Webhooks.Hook> hook = webhooks.trigger(triggerName, className);
        if (hook.isEmpty()) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>(request);
        body.remove("changes");
        body.remove("roles");
        body.put("triggerName", triggerName);
        if (object != null) {
            body.put("object", withClassName(object, className));
        }
        if (request.get("original") instanceof Map<?, ?> original) {
            body.put("original", withClassName(castMap(original), className));
        }
        return webhooks.call(hook.get(), body);
    }

    /** An after-trigger's failure is logged, never the operation's. */
    private void runAfter(String triggerName, String className, Map<String, Object> request, Map<String, Object> object) {
        try {
            run(triggerName, className, request, object);
        } catch (ParseException e) {
            log.write("error", triggerName + " failed for " + className + ": " + e.getMessage());
            LOG.debugf("%s of %s failed: %s", triggerName, className, e.getMessage());
        }
    }

    private static Map<String, Object> queryJson(FindRequest find) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("where", find.where());
        if (find.limit() >= 0) {
            query.put("limit", find.limit());
        }
        if (find.skip() > 0) {
            query.put("skip", find.skip());
        }
        if (!find.order().isEmpty()) {
            query.put("order", String.join(",", find.order()));
        }
        if (find.keys() != null) {
            query.put("keys", String.join(",", find.keys()));
        }
        if (!find.excludeKeys().isEmpty()) {
            query.put("excludeKeys", String.join(",", find.excludeKeys()));
        }
        if (!find.include().isEmpty()) {
            query.put("include", String.join(",", find.include()));
        }
        return query;
    }

    /** What an update will look like: the stored object with the written fields (webhooks get whole objects). */
    private static Map<String, Object> merged(Map<String, Object> original, Map<String, Object> changes) {
        Map<String, Object> object = original == null ? new LinkedHashMap<>() : new LinkedHashMap<>(original);
        object.putAll(changes);
        return object;
    }

    private static Map<String, Object> withClassName(Map<String, Object> object, String className) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.put("className", className);
        return copy;
    }

    private static Map<String, Object> withoutServerFields(Map<?, ?> object) {
        Map<String, Object> data = new LinkedHashMap<>(castMap(object));
        data.remove("objectId");
        data.remove("createdAt");
        data.remove("updatedAt");
        data.remove("className");
        return data;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
