package dev.reparse.runtime.http;

import dev.reparse.runtime.core.Auth;
import java.util.Map;

/** {@code GET /serverInfo}: the version and features Parse Dashboard reads to decide what it may offer. */
final class ServerInfo {
    /** The Parse Server version whose API this runtime speaks. */
    static final String PARSE_SERVER_VERSION = "9.0.0";

    private ServerInfo() {
    }

    static Map<String, Object> of(Auth auth) {
        auth.requireMaster();
        return Map.of(
                "parseServerVersion", PARSE_SERVER_VERSION,
                "features", Map.of(
                        "globalConfig", Map.of("create", true, "read", true, "update", true, "delete", true),
                        "hooks", Map.of("create", true, "read", true, "update", true, "delete", true),
                        "cloudCode", Map.of("jobs", true),
                        "logs", Map.of("level", true, "size", true, "order", true, "until", true, "from", true),
                        "push", Map.of("immediatePush", false, "scheduledPush", false, "storedPushData", false,
                                "pushAudiences", false, "localization", false),
                        "schemas", Map.of("addField", true, "removeField", true, "addClass", true,
                                "removeClass", true, "clearAllDataFromClass", true, "exportClass", false,
                                "editClassLevelPermissions", true, "editPointerPermissions", true)));
    }
}
