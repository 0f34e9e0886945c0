package dev.reparse.router.routes;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One version of the route table: every app the router knows, by application ID and by subdomain. */
public final class RouteTable {
    private static final RouteTable EMPTY = new RouteTable(0, List.of());

    private final long version;
    private final Map<String, Route> byApplicationId;
    private final Map<String, Route> bySubdomain;

    private RouteTable(long version, List<Route> routes) {
        this.version = version;
        this.byApplicationId = routes.stream().collect(Collectors.toUnmodifiableMap(Route::applicationId, Function.identity(),
                (a, b) -> {
                    throw new IllegalArgumentException("applicationId listed twice: " + a.applicationId());
                }));
        this.bySubdomain = routes.stream().filter(r -> r.subdomain().isPresent())
                .collect(Collectors.toUnmodifiableMap(r -> r.subdomain().get(), Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("subdomain listed twice: " + a.subdomain().get());
                }));
    }

    /** The table before any has been loaded: version 0, no apps. */
    public static RouteTable empty() {
        return EMPTY;
    }

    /** A table; application IDs and subdomains must be unique. */
    public static RouteTable of(long version, List<Route> routes) {
        return new RouteTable(version, routes);
    }

    public long version() {
        return version;
    }

    /** The app with this application ID. */
    public Optional<Route> byApplicationId(String applicationId) {
        return Optional.ofNullable(byApplicationId.get(applicationId));
    }

    /** The app reached under this subdomain. */
    public Optional<Route> bySubdomain(String subdomain) {
        return Optional.ofNullable(bySubdomain.get(subdomain));
    }

    public Collection<Route> routes() {
        return byApplicationId.values();
    }

    public Set<String> applicationIds() {
        return byApplicationId.keySet();
    }
}
