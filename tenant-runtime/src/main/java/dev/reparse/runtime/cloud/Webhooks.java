package dev.reparse.runtime.cloud;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.storage.QueryOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Webhooks, as parse.com had them: functions and triggers served by a URL of the app's, registered through
 * {@code /hooks} and stored in {@code _Hooks} (Parse Server's layout), called with the Cloud Code webhook
 * protocol and the app's {@code X-Parse-Webhook-Key}. The registered hooks are cached for a second, so every
 * replica sees a change within that time without reading {@code _Hooks} on each request.
 */
final class Webhooks {
    private static final String CLASS = "_Hooks";
    private static final Duration CACHE = Duration.ofSeconds(1);
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_HOOKS = 1000;
    private static final Set<String> TRIGGERS = Set.of("beforeSave", "afterSave", "beforeDelete", "afterDelete",
            "beforeFind", "afterFind");

    /** A registered hook: a function ({@code functionName}) or a trigger ({@code className} + {@code triggerName}). */
    record Hook(String functionName, String className, String triggerName, String url) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            if (functionName != null) {
                json.put("functionName", functionName);
            } else {
                json.put("className", className);
                json.put("triggerName", triggerName);
            }
            json.put("url", url);
            return json;
        }
    }

    private record Snapshot(List<Hook> hooks, Instant loaded) {
    }

    private final ParseCore core;
    private final WebhookGuard guard;
    private final Duration timeout;
    private final Supplier<Optional<String>> webhookKey;
    private final Clock clock;
    private final HttpClient http;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN);

    Webhooks(ParseCore core, WebhookGuard guard, Duration timeout, Supplier<Optional<String>> webhookKey, Clock clock) {
        this.core = core;
        this.guard = guard;
        this.timeout = timeout;
        this.webhookKey = webhookKey;
        this.clock = clock;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build();
    }

    // ---- lookup ----

    Optional<Hook> function(String name) {
        return hooks().stream().filter(hook -> name.equals(hook.functionName())).findFirst();
    }

    Optional<Hook> trigger(String triggerName, String className) {
        return hooks().stream()
                .filter(hook -> className.equals(hook.className()) && triggerName.equals(hook.triggerName()))
                .findFirst();
    }

    private List<Hook> hooks() {
        Snapshot current = snapshot;
        if (Duration.between(current.loaded(), Instant.now(clock)).compareTo(CACHE) < 0) {
            return current.hooks();
        }
        // straight from storage: through the core, reading _Hooks would ask for _Hooks' own triggers
        List<Hook> hooks = new ArrayList<>();
        for (Map<String, Object> map : stored(new LinkedHashMap<>(), MAX_HOOKS)) {
            if (map.get("url") instanceof String url) {
                hooks.add(new Hook(text(map.get("functionName")), text(map.get("className")),
                        text(map.get("triggerName")), url));
            }
        }
        snapshot = new Snapshot(List.copyOf(hooks), Instant.now(clock));
        return hooks;
    }

    private static String text(Object value) {
        return value instanceof String string ? string : null;
    }

    // ---- /hooks ----

    List<Map<String, Object>> functions() {
        return hooks().stream().filter(hook -> hook.functionName() != null).map(Hook::toJson).toList();
    }

    List<Map<String, Object>> triggers() {
        return hooks().stream().filter(hook -> hook.className() != null).map(Hook::toJson).toList();
    }

    /** POST: a new hook; 143 when one of that name already exists or the declaration is bad. */
    Map<String, Object> create(Map<String, Object> body) {
        Hook hook = declared(body, text(body.get("functionName")), text(body.get("className")),
                text(body.get("triggerName")));
        if (find(hook).isPresent()) {
            throw new ParseException(ParseErrorCode.WEBHOOK_ERROR, hook.functionName() != null
                    ? "function name: " + hook.functionName() + " already exists"
                    : "class " + hook.className() + " already has trigger " + hook.triggerName());
        }
        Map<String, Object> object = hook.toJson();
        String now = dev.reparse.protocol.ParseDates.format(Instant.now(clock));
        object.put("objectId", core.app().ids().next());
        object.put("createdAt", now);
        object.put("updatedAt", now);
        object.put("ACL", Map.of());
        core.app().storage().createObject(CLASS, schema(), object);
        snapshot = new Snapshot(List.of(), Instant.MIN);
        return hook.toJson();
    }

    /** PUT: a new URL for an existing hook; 143 when there is none. */
    Map<String, Object> update(String functionName, String className, String triggerName, Map<String, Object> body) {
        Hook hook = declared(body, functionName, className, triggerName);
        String objectId = find(hook).orElseThrow(() -> new ParseException(ParseErrorCode.WEBHOOK_ERROR,
                functionName != null ? "no function named: " + functionName + " is defined"
                        : "class " + className + " does not exist"));
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("url", hook.url());
        update.put("updatedAt", dev.reparse.protocol.ParseDates.format(Instant.now(clock)));
        core.app().storage().findOneAndUpdate(CLASS, schema(), new LinkedHashMap<>(Map.of("objectId", objectId)), update);
        snapshot = new Snapshot(List.of(), Instant.MIN);
        return hook.toJson();
    }

    Map<String, Object> get(String functionName, String className, String triggerName) {
        Optional<Hook> hook = functionName != null ? function(functionName) : trigger(triggerName, className);
        return hook.map(Hook::toJson).orElseThrow(() -> new ParseException(ParseErrorCode.WEBHOOK_ERROR,
                functionName != null ? "no function named: " + functionName + " is defined"
                        : "class " + className + " does not exist"));
    }

    Map<String, Object> delete(String functionName, String className, String triggerName) {
        find(new Hook(functionName, className, triggerName, "")).ifPresent(objectId -> core.app().storage()
                .deleteObjectsByQuery(CLASS, schema(), new LinkedHashMap<>(Map.of("objectId", objectId))));
        snapshot = new Snapshot(List.of(), Instant.MIN);
        return Map.of();
    }

    private Hook declared(Map<String, Object> body, String functionName, String className, String triggerName) {
        String url = text(body.get("url"));
        boolean function = functionName != null && !functionName.isEmpty();
        boolean trigger = className != null && !className.isEmpty() && triggerName != null && TRIGGERS.contains(triggerName);
        if (url == null || url.isEmpty() || !(function || trigger)) {
            throw new ParseException(ParseErrorCode.WEBHOOK_ERROR, "invalid hook declaration");
        }
        guard.check(url);
        return function ? new Hook(functionName, null, null, url) : new Hook(null, className, triggerName, url);
    }

    /** The stored object's id of a hook of that name. */
    private Optional<String> find(Hook hook) {
        Map<String, Object> where = new LinkedHashMap<>();
        if (hook.functionName() != null) {
            where.put("functionName", hook.functionName());
        } else {
            where.put("className", hook.className());
            where.put("triggerName", hook.triggerName());
        }
        return stored(where, 1).stream().findFirst().map(found -> String.valueOf(found.get("objectId")));
    }

    private dev.reparse.runtime.schema.ClassSchema schema() {
        return core.app().schemas().ensureInternalClass(CLASS);
    }

    private List<Map<String, Object>> stored(Map<String, Object> where, int limit) {
        return core.app().schemas().get(CLASS)
                .map(schema -> core.app().storage().find(CLASS, schema, where, QueryOptions.limit(limit)))
                .orElse(List.of());
    }

    // ---- calls ----

    /** Calls a hook with a webhook request body; answers its {@code success} value, or throws its error. */
    Object call(Hook hook, Map<String, Object> body) {
        URI uri = guard.check(hook.url());
        byte[] payload = Json.write(body);
        String name = hook.functionName() != null ? "function " + hook.functionName()
                : hook.triggerName() + " " + hook.className();
        try {
            for (int hop = 0; ; hop++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
                webhookKey.get().ifPresent(key -> request.header("X-Parse-Webhook-Key", key));
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                Optional<String> location = response.headers().firstValue("Location");
                if (response.statusCode() / 100 == 3 && location.isPresent() && hop < MAX_REDIRECTS) {
                    uri = guard.check(uri.resolve(location.get()).toString());
                    continue;
                }
                return answer(name, response);
            }
        } catch (IOException e) {
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, "the webhook " + name + " could not be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, "interrupted while calling the webhook " + name);
        }
    }

    private static Object answer(String name, HttpResponse<byte[]> response) {
        Object parsed;
        try {
            parsed = response.body().length == 0 ? Map.of() : Json.parse(response.body());
        } catch (ParseException e) {
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, "Malformed response from the webhook " + name);
        }
        Map<?, ?> body = parsed instanceof Map<?, ?> map ? map : Map.of();
        Object error = body.get("error");
        if (error != null) {
            if (error instanceof Map<?, ?> detail) {
                int code = detail.get("code") instanceof Number number ? number.intValue() : ParseErrorCode.SCRIPT_FAILED;
                Object message = detail.get("message") != null ? detail.get("message") : detail.get("error");
                throw new ParseException(code, String.valueOf(message));
            }
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, String.valueOf(error));
        }
        if (response.statusCode() >= 400) {
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, "the webhook " + name + " answered HTTP "
                    + response.statusCode());
        }
        return body.get("success");
    }
}
