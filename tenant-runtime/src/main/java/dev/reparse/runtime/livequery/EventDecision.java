package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.security.ReadAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one subscriber receives of one write, decided as Parse Server's LiveQuery server does and secured as a find
 * of the subscriber would be: the where before and after the write, the CLP (with pointer permissions) on the
 * object, the ACL of each version, then protected and internal fields removed and the subscription's keys applied.
 * Pure: the subscriber's {@link Auth} and the class's CLP are given.
 */
final class EventDecision {
    /** Fields an event's object keeps whatever the subscription's keys say, as Parse Server's. */
    private static final List<String> DEFAULT_FIELDS = List.of("className", "objectId", "updatedAt", "createdAt", "ACL");

    /** The frame's op and objects. */
    record Outcome(String op, Map<String, Object> object, Map<String, Object> original) {
    }

    private EventDecision() {
    }

    /** The event the subscriber receives, if any. */
    static Optional<Outcome> decide(LiveQueryEvent event, Subscription subscription, Auth auth, Map<String, Object> clp) {
        boolean currentMatched = subscription.matcher().matches(event.object());
        boolean originalMatched = event.original() != null && subscription.matcher().matches(event.original());
        if (!currentMatched && !originalMatched) {
            return Optional.empty();
        }
        ReadAccess access;
        try {
            access = auth.master() ? ReadAccess.master(event.className())
                    : ReadAccess.of(event.className(), clp, subscription.operation(), auth.principal(), subscription.where());
        } catch (ParseException refused) {
            return Optional.empty();
        }
        if (!access.admits(event.object())) {
            return Optional.empty();
        }
        if (event.deleted()) {
            return access.aclAllows(event.object())
                    ? Optional.of(shaped(event, subscription, access, "delete", event.object(), null))
                    : Optional.empty();
        }
        boolean currentReadable = currentMatched && access.aclAllows(event.object());
        boolean originalReadable = originalMatched && access.aclAllows(event.original());
        String op = originalReadable && currentReadable ? "update"
                : originalReadable ? "leave"
                : currentReadable ? (event.original() != null ? "enter" : "create")
                : null;
        if (op == null || (op.equals("update") || op.equals("create")) && !watchedFieldChanged(event, subscription)) {
            return Optional.empty();
        }
        Map<String, Object> object = event.object();
        Map<String, Object> original = event.original();
        // a leave because the ACL took the object away shows the last version the subscriber could read
        if (op.equals("leave") && (currentMatched || !access.aclAllows(event.object()))) {
            object = event.original();
        }
        // an enter because the ACL granted the object shows no version the subscriber could not read
        if (op.equals("enter") && (originalMatched || !access.aclAllows(event.original()))) {
            original = null;
        }
        return Optional.of(shaped(event, subscription, access, op, object, original));
    }

    private static boolean watchedFieldChanged(LiveQueryEvent event, Subscription subscription) {
        List<String> watch = subscription.query().watch();
        if (watch == null) {
            return true;
        }
        Map<String, Object> original = event.original() == null ? Map.of() : event.original();
        return watch.stream().anyMatch(field -> !Objects.equals(event.object().get(field), original.get(field)));
    }

    private static Outcome shaped(LiveQueryEvent event, Subscription subscription, ReadAccess access, String op,
            Map<String, Object> object, Map<String, Object> original) {
        Function<Map<String, Object>, Map<String, Object>> shape = version -> version == null ? null
                : withKeys(event.className(), access.filter(LiveQueryPublisher.copy(version)),
                        subscription.query().keys());
        return new Outcome(op, shape.apply(object), shape.apply(original));
    }

    /** The object as sent: its class first, then its fields, or only the default ones and the asked keys. */
    private static Map<String, Object> withKeys(String className, Map<String, Object> object, List<String> keys) {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("className", className);
        if (keys == null) {
            sent.putAll(object);
            return sent;
        }
        for (String field : DEFAULT_FIELDS) {
            if (object.containsKey(field)) {
                sent.put(field, object.get(field));
            }
        }
        for (String field : keys) {
            if (object.containsKey(field)) {
                sent.put(field, object.get(field));
            }
        }
        return sent;
    }
}
