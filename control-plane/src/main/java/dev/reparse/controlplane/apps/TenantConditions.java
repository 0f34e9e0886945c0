package dev.reparse.controlplane.apps;

import dev.reparse.provisioning.Condition;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app's status conditions as its owner sees them: what they can act on, in their words. Provisioning's messages
 * are written for operators (process ids, internal addresses, store endpoints, credential arrangements, file paths);
 * they stay in the stored status, the operator API ({@code /api/v1/operator/apps/{id}}) and the logs, and tenants get
 * a message chosen by the condition's type, status and reason instead. Reasons that describe the platform's inner
 * arrangement ({@code SharedCredentials}, {@code UsersUnsupported}, …) become a plain {@code Provisioned}.
 */
final class TenantConditions {
    private static final Map<String, String> WHAT = Map.of(
        "Database", "the app's database",
        "Bucket", "the app's file storage",
        "Secrets", "the app's keys and settings",
        "CloudCode", "the app's Cloud Code",
        "Runtime", "the app's server",
        "Route", "the app's route",
        "Ready", "the app");
    private static final Map<String, String> MESSAGES = Map.ofEntries(
        Map.entry("Database/True", "the app's database is ready"),
        Map.entry("Bucket/True", "the app's file storage is ready"),
        Map.entry("Secrets/True", "the app's keys and settings are in place"),
        Map.entry("CloudCode/True/NoCode", "no Cloud Code uploaded"),
        Map.entry("Runtime/True", "the app's server is running"),
        Map.entry("Runtime/False/Crashed", "the app's server stopped unexpectedly and is being restarted; if this "
            + "repeats, check the app's Cloud Code and its logs"),
        Map.entry("Runtime/False/NotRunning", "the app's server is starting"),
        Map.entry("Runtime/False/Stopped", "the app was deleted; its server is stopped"),
        Map.entry("Route/True", "requests for the app reach its server"),
        Map.entry("Route/False/NoUpstream", "the app's server does not answer yet; requests get 503"),
        Map.entry("Route/False/Removed", "the app was deleted; its requests are refused"),
        Map.entry("Secrets/False/Deleted", "the app was deleted; its keys are deleted"),
        Map.entry("CloudCode/False/Removed", "the app was deleted; its Cloud Code is removed"),
        Map.entry("Database/False/Dropped", "the app was deleted; its database is dropped"),
        Map.entry("Bucket/False/Deleted", "the app was deleted; its files are deleted"),
        Map.entry("Ready/True", "the app serves requests"),
        Map.entry("Ready/False/RuntimeNotReady", "the app's server is not running yet; requests get 503"),
        Map.entry("Ready/False/Deleted", "the app is deleted and its resources are gone"));
    private static final Pattern VERSION = Pattern.compile("version (\\d+) ");
    /**
     * Reasons whose provisioning message is safe to show as it is: a fixed sentence with a date, or (LoadFailed) the
     * versions and the tenant's own load error, which the runtime reports without paths outside the app's folder.
     */
    private static final List<String> AS_IS = List.of("Retained", "DataRetained", "LoadFailed");
    /** True reasons that describe how the platform arranged a resource, not something the tenant can act on. */
    private static final List<String> INNER_REASONS = List.of("SharedCredentials", "UsersUnsupported", "UserCreated",
        "Created", "Exists");

    private TenantConditions() {
    }

    static List<Condition> of(List<Condition> conditions) {
        return conditions.stream().map(TenantConditions::of).toList();
    }

    static Condition of(Condition c) {
        String reason = c.status().equals("True") && INNER_REASONS.contains(c.reason()) ? "Provisioned" : c.reason();
        return new Condition(c.type(), c.status(), reason, message(c), c.lastTransitionTime());
    }

    private static String message(Condition c) {
        if (AS_IS.contains(c.reason())) {
            return c.message();
        }
        if (c.type().equals("CloudCode") && c.reason().equals("Deployed")) {
            // the version is the tenant's own; where provisioning put the files is not
            Matcher version = VERSION.matcher(c.message());
            return (version.lookingAt() ? "version " + version.group(1) + " is deployed" : "the current Cloud Code is deployed")
                + "; it runs without a restart";
        }
        if (c.type().equals("CloudCode") && c.reason().equals("Loading")) {
            Matcher version = VERSION.matcher(c.message());
            return (version.lookingAt() ? "version " + version.group(1) : "the new Cloud Code")
                + " is in place; the app's server has not loaded it yet";
        }
        String exact = MESSAGES.get(c.type() + "/" + c.status() + "/" + c.reason());
        if (exact != null) {
            return exact;
        }
        String what = WHAT.getOrDefault(c.type(), c.type());
        if (c.reason().equals("Failed") || c.reason().endsWith("Failed")) {
            String step = c.type().equals("Ready") ? WHAT.getOrDefault(c.reason().replaceFirst("Failed$", ""), "a step")
                : what;
            return step + " could not be set up; the platform retries on its own. If this lasts, contact the "
                + "platform's operator" + (step.equals(WHAT.get("CloudCode")) ? " or upload the Cloud Code again" : "");
        }
        if (c.status().equals("Unknown")) {
            return what + " waits for the steps before it";
        }
        String byStatus = MESSAGES.get(c.type() + "/" + c.status());
        return byStatus != null ? byStatus : what + (c.status().equals("True") ? " is ready" : " is not ready");
    }
}
