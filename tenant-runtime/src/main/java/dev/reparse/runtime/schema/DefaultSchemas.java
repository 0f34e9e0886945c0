package dev.reparse.runtime.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields every class has and the fields Parse's system classes are born with, copied in
 * meaning from Parse Server's {@code defaultColumns} so an attached database reads the same.
 */
final class DefaultSchemas {
    static final Set<String> SYSTEM_CLASSES = Set.of("_User", "_Installation", "_Role", "_Session", "_Product",
            "_PushStatus", "_JobStatus", "_JobSchedule", "_Audience", "_Idempotency");

    static final Set<String> VOLATILE_CLASSES = Set.of("_JobStatus", "_PushStatus", "_Hooks", "_GlobalConfig",
            "_GraphQLConfig", "_JobSchedule", "_Audience", "_Idempotency", "_ScriptLog");

    /** The classes Parse Server stores at start-up, so that {@code GET /schemas} lists them from the first request. */
    static final List<String> CREATED_AT_STARTUP = List.of("_User", "_Role", "_Idempotency");

    /** The CLP operations; a stored CLP missing one of them means "master key only" for it. */
    static final List<String> OPERATIONS = List.of("find", "count", "get", "create", "update", "delete",
            "addField");

    /** Fields an object of the class cannot be created without, nor have deleted (Parse Server's requiredColumns.write). */
    static final Map<String, List<String>> REQUIRED_ON_WRITE = Map.of(
            "_Product", List.of("productIdentifier", "icon", "order", "title", "subtitle"),
            "_Role", List.of("name", "ACL"));

    /** Storage-only fields that a schema read from an adapter must not show. */
    private static final Set<String> INTERNAL_FIELDS = Set.of("_rperm", "_wperm", "_hashed_password");

    private static final Map<String, FieldType> BASE = fields(
            "objectId", "String", "createdAt", "Date", "updatedAt", "Date", "ACL", "ACL");

    private static final Map<String, Map<String, FieldType>> CLASS_FIELDS = Map.ofEntries(
            Map.entry("_User", fields("username", "String", "password", "String", "email", "String",
                    "emailVerified", "Boolean", "authData", "Object")),
            Map.entry("_Installation", fields("installationId", "String", "deviceToken", "String",
                    "channels", "Array", "deviceType", "String", "pushType", "String", "GCMSenderId", "String",
                    "timeZone", "String", "localeIdentifier", "String", "badge", "Number", "appVersion", "String",
                    "appName", "String", "appIdentifier", "String", "parseVersion", "String")),
            Map.entry("_Role", withTargets(fields("name", "String"),
                    "users", FieldType.relation("_User"), "roles", FieldType.relation("_Role"))),
            Map.entry("_Session", sessionFields()),
            Map.entry("_Product", fields("productIdentifier", "String", "download", "File",
                    "downloadName", "String", "icon", "File", "order", "Number", "title", "String",
                    "subtitle", "String")),
            Map.entry("_PushStatus", fields("pushTime", "String", "source", "String", "query", "String",
                    "payload", "String", "title", "String", "expiry", "Number", "expiration_interval", "Number",
                    "status", "String", "numSent", "Number", "numFailed", "Number", "pushHash", "String",
                    "errorMessage", "Object", "sentPerType", "Object", "failedPerType", "Object",
                    "sentPerUTCOffset", "Object", "failedPerUTCOffset", "Object", "count", "Number")),
            Map.entry("_JobStatus", fields("jobName", "String", "source", "String", "status", "String",
                    "message", "String", "params", "Object", "finishedAt", "Date")),
            Map.entry("_JobSchedule", fields("jobName", "String", "description", "String", "params", "String",
                    "startAfter", "String", "daysOfWeek", "Array", "timeOfDay", "String", "lastRun", "Number",
                    "repeatMinutes", "Number")),
            Map.entry("_Hooks", fields("functionName", "String", "className", "String", "triggerName", "String",
                    "url", "String")),
            Map.entry("_GlobalConfig", fields("objectId", "String", "params", "Object", "masterKeyOnly", "Object")),
            Map.entry("_GraphQLConfig", fields("objectId", "String", "config", "Object")),
            // query is a JSON string: Mongo refuses the '$' keys a stored query object would have.
            Map.entry("_Audience", fields("objectId", "String", "name", "String", "query", "String",
                    "lastUsed", "Date", "timesUsed", "Number")),
            Map.entry("_Idempotency", fields("reqId", "String", "expire", "Date")),
            // Reparse's own: the app's Cloud Code log, shared by every replica of its runtime
            Map.entry("_ScriptLog", fields("level", "String", "message", "String")));

    private DefaultSchemas() {
    }

    /** The default fields of the class: the four every class has, then the class's own. */
    static Map<String, FieldType> defaultFields(String className) {
        Map<String, FieldType> all = new LinkedHashMap<>(BASE);
        all.putAll(CLASS_FIELDS.getOrDefault(className, Map.of()));
        return all;
    }

    static boolean isDefaultField(String className, String fieldName) {
        return BASE.containsKey(fieldName) || CLASS_FIELDS.getOrDefault(className, Map.of()).containsKey(fieldName);
    }

    /** Whether the field is one of the four every class has; those can never be protected. */
    static boolean isBaseField(String fieldName) {
        return BASE.containsKey(fieldName);
    }

    /** Parse Server 9's default ACL of new objects in a class whose CLP nobody set: public read and write. */
    static final Map<String, Object> PUBLIC_ACL = Map.of("*", Map.of("read", true, "write", true));

    /**
     * Public access for every operation, nothing protected and a public default ACL: what a class gets
     * when nobody set its CLP.
     */
    static Map<String, Object> defaultPermissions() {
        Map<String, Object> clp = new LinkedHashMap<>();
        clp.put("ACL", PUBLIC_ACL);
        for (String operation : OPERATIONS) {
            clp.put(operation, Map.of("*", true));
        }
        clp.put("protectedFields", Map.of("*", List.of()));
        return clp;
    }

    /** The schema a class has before anything is stored for it. */
    static ClassSchema implicitSchema(String className) {
        return new ClassSchema(className, defaultFields(className), defaultPermissions(), Map.of());
    }

    /**
     * A stored schema as clients see it: default fields first (in Parse Server's order), storage-only
     * fields dropped, and the CLP completed the way Parse Server's Mongo adapter completes it.
     */
    static ClassSchema normalize(ClassSchema stored) {
        Map<String, FieldType> fields = defaultFields(stored.className());
        stored.fields().forEach((name, type) -> {
            if (!INTERNAL_FIELDS.contains(name)) {
                fields.put(name, type);
            }
        });
        return new ClassSchema(stored.className(), fields, completePermissions(stored.classLevelPermissions()),
                stored.indexes());
    }

    /**
     * No stored CLP means public access; a stored one lacks nothing, since a missing operation would
     * otherwise read as public when Parse Server reads it as closed.
     */
    static Map<String, Object> completePermissions(Map<String, Object> stored) {
        if (stored.isEmpty()) {
            return defaultPermissions();
        }
        return explicitPermissions(stored);
    }

    /**
     * The form a client-given CLP is stored in: every operation present, so that {@code {}} (master key
     * only, for Parse Server) can never be read back as "nothing stored" (public).
     */
    static Map<String, Object> explicitPermissions(Map<String, Object> given) {
        Map<String, Object> clp = new LinkedHashMap<>();
        for (String operation : OPERATIONS) {
            clp.put(operation, Map.of());
        }
        clp.put("protectedFields", Map.of());
        clp.putAll(given);
        return clp;
    }

    private static Map<String, FieldType> sessionFields() {
        Map<String, FieldType> session = new LinkedHashMap<>();
        session.put("user", FieldType.pointer("_User"));
        session.putAll(fields("installationId", "String", "sessionToken", "String", "expiresAt", "Date",
                "createdWith", "Object"));
        return session;
    }

    private static Map<String, FieldType> withTargets(Map<String, FieldType> fields, Object... namesAndTypes) {
        Map<String, FieldType> all = new LinkedHashMap<>(fields);
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            all.put((String) namesAndTypes[i], (FieldType) namesAndTypes[i + 1]);
        }
        return all;
    }

    private static Map<String, FieldType> fields(String... namesAndTypes) {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.put(namesAndTypes[i], FieldType.of(namesAndTypes[i + 1]));
        }
        return fields;
    }

    /** The names of the GeoPoint fields, in field order. */
    static List<String> geoPointFields(Map<String, FieldType> fields) {
        List<String> names = new ArrayList<>();
        fields.forEach((name, type) -> {
            if (type.type().equals("GeoPoint")) {
                names.add(name);
            }
        });
        return names;
    }
}
