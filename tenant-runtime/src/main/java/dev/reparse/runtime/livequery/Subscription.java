package dev.reparse.runtime.livequery;

import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import java.util.Map;

/**
 * One subscription of a connection.
 *
 * @param where the where it matches with, after the class narrowed it for the subscriber
 * @param operation the CLP operation it reads as: {@code get} for a where naming one objectId only, else {@code find}
 * @param sessionToken the subscription's own session token, which replaces the connection's; null for none
 */
record Subscription(int requestId, ClientRequest.Query query, Map<String, Object> where, QueryMatcher matcher,
        Operation operation, String sessionToken) {

    static Operation operationFor(Map<String, Object> where) {
        return where.size() == 1 && where.get("objectId") instanceof String ? Operation.GET : Operation.FIND;
    }
}
