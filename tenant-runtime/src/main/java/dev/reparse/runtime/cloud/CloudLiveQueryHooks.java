package dev.reparse.runtime.cloud;

import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.livequery.LiveQueryHooks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LiveQuery's hooks served by the app's Cloud Code, as Parse Server names them: {@code Parse.Cloud.beforeConnect}
 * (class {@code @Connect}), {@code beforeSubscribe(className)} and {@code afterLiveQueryEvent(className)}. A class
 * without the trigger costs nothing; the triggers' time limit applies.
 */
final class CloudLiveQueryHooks implements LiveQueryHooks {
    private static final String CONNECT_CLASS = "@Connect";

    private final CloudCode code;
    private final CallPayloads payloads;

    CloudLiveQueryHooks(CloudCode code, CallPayloads payloads) {
        this.code = code;
        this.payloads = payloads;
    }

    @Override
    public void beforeConnect(Auth auth, Map<String, Object> request) {
        if (code != null && code.hasTrigger("beforeConnect", CONNECT_CLASS)) {
            Map<String, Object> call = payloads.request(auth);
            call.putAll(request);
            code.trigger("beforeConnect", CONNECT_CLASS, call);
        }
    }

    @Override
    public Map<String, Object> beforeSubscribe(Auth auth, String className, Map<String, Object> query) {
        if (code == null || !code.hasTrigger("beforeSubscribe", className)) {
            return query;
        }
        Map<String, Object> call = payloads.request(auth);
        call.put("query", query);
        Object answer = code.trigger("beforeSubscribe", className, call);
        return answer instanceof Map<?, ?> map && map.get("query") instanceof Map<?, ?> changed ? castMap(changed) : query;
    }

    @Override
    public boolean afterEvent(Auth auth, String className, Map<String, Object> event) {
        if (code == null || !code.hasTrigger("afterLiveQueryEvent", className)) {
            return true;
        }
        Map<String, Object> call = payloads.request(auth);
        call.putAll(event);
        Object answer = code.trigger("afterLiveQueryEvent", className, call);
        if (!(answer instanceof Map<?, ?> map)) {
            return true;
        }
        if (map.get("object") instanceof Map<?, ?> object) {
            Map<String, Object> replaced = new LinkedHashMap<>(castMap(object));
            replaced.put("className", className);
            event.put("object", replaced);
        }
        return !Boolean.FALSE.equals(map.get("sendEvent"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
