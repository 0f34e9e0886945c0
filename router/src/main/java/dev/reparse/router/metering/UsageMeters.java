package dev.reparse.router.metering;

import dev.reparse.router.routes.RouteTable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Per-app counters for billing, kept for the apps of the current route table. */
public final class UsageMeters {
    /** Distinct (operation, class) keys kept per app; later classes count under "(other)". */
    public static final int DEFAULT_MAX_CLASS_KEYS = 200;

    private final Map<String, AppUsage> apps = new ConcurrentHashMap<>();
    private final int maxClassKeys;

    public UsageMeters() {
        this(DEFAULT_MAX_CLASS_KEYS);
    }

    public UsageMeters(int maxClassKeys) {
        this.maxClassKeys = maxClassKeys;
    }

    /** Counts one request forwarded to the app's runtime; its outcome goes to the app's request analytics returned. */
    public RequestCounts forwarded(String applicationId) {
        AppUsage usage = usage(applicationId);
        usage.requests.increment();
        return usage.analytics;
    }

    /** Counts the bytes one finished (or aborted) exchange moved. */
    public void transferred(String applicationId, long bytesIn, long bytesOut) {
        AppUsage usage = usage(applicationId);
        usage.bytesIn.add(bytesIn);
        usage.bytesOut.add(bytesOut);
    }

    /** Counts one request refused for being over the app's limit. */
    public void rejected(String applicationId) {
        usage(applicationId).rejected.increment();
    }

    /** Every app's counters, by application ID. */
    public Map<String, UsageSnapshot> snapshot() {
        Map<String, UsageSnapshot> result = new TreeMap<>();
        apps.forEach((id, usage) -> result.put(id, usage.snapshot()));
        return result;
    }

    /** Forgets apps the new table no longer holds: their counts up to now are lost unless collected before. */
    public void retain(RouteTable table) {
        apps.keySet().retainAll(table.applicationIds());
    }

    private AppUsage usage(String applicationId) {
        AppUsage usage = apps.get(applicationId);
        return usage != null ? usage : apps.computeIfAbsent(applicationId, id -> new AppUsage(maxClassKeys));
    }
}
