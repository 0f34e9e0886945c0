package dev.reparse.router.metering;

import dev.reparse.router.routes.RouteTable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Per-app counters for billing, kept for the apps of the current route table. */
public final class UsageMeters {
    private final Map<String, AppUsage> apps = new ConcurrentHashMap<>();

    /** Counts one request forwarded to the app's runtime. */
    public void forwarded(String applicationId) {
        usage(applicationId).requests.increment();
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
        return apps.computeIfAbsent(applicationId, id -> new AppUsage());
    }
}
