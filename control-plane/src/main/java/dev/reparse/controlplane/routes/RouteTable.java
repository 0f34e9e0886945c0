package dev.reparse.controlplane.routes;

import java.util.List;

/**
 * What the router caches: every live app's upstream and limits, under a version that moves on every change.
 *
 * @param version increases with every app or status change; ask again with {@code ?since=version}
 */
public record RouteTable(long version, List<Route> routes) {

    /**
     * One app's route.
     *
     * @param upstream the runtime's base URL ({@code http://127.0.0.1:PORT}), null while none answers
     * @param subdomain the host-name label matched as {@code <subdomain>.<domain>}
     * @param ready whether provisioning reports the app ready to serve
     */
    public record Route(String applicationId, String upstream, String subdomain, int requestsPerSecond, boolean ready) {
    }
}
