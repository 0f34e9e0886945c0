package dev.reparse.controlplane.routes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The router's route table: {@code GET /internal/v1/routes}, 304 when {@code ?since=} is current. With
 * {@code &wait=<seconds>} (at most 25) an unchanged table is held open until it changes or the wait ends.
 */
@Path("/internal/v1/routes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
final class RouteTableResource {
    static final int MAX_WAIT_SECONDS = 25;
    private static final String ROUTES = """
        select a.application_id, s.upstream, a.subdomain, a.requests_per_second, coalesce(s.ready, false)
        from app a left join app_status s on s.application_id = a.application_id
        where not a.deleted order by a.application_id""";
    private final InternalToken token;
    private final RouteVersions versions;

    RouteTableResource(InternalToken token, RouteVersions versions) {
        this.token = token;
        this.versions = versions;
    }

    @GET
    @Operation(summary = "Route table", description = "Every live app's upstream; 304 when ?since= is the current version.")
    public Uni<Response> routes(@HeaderParam(InternalToken.HEADER) String presented, @QueryParam("since") Long since,
            @QueryParam("wait") Integer waitSeconds) {
        token.require(presented);
        Duration wait = Duration.ofSeconds(Math.max(0, Math.min(MAX_WAIT_SECONDS, waitSeconds == null ? 0 : waitSeconds)));
        return Panache.withSession(versions::current).flatMap(version -> {
            if (since == null || since.longValue() != version) {
                return table(version).map(t -> Response.ok(t).build());
            }
            if (wait.isZero()) {
                return Uni.createFrom().item(Response.notModified().build());
            }
            return versions.awaitChange(wait).flatMap(ignored -> routes(presented, since, 0));
        });
    }

    private Uni<RouteTable> table(long version) {
        // The version is read before the rows: rows newer than the version only cause one extra fetch later.
        return Panache.withSession(() -> Panache.getSession()
            .flatMap(s -> s.createNativeQuery(ROUTES, Object[].class).getResultList()))
            .map(rows -> new RouteTable(version, rows.stream().map(RouteTableResource::route).toList()));
    }

    private static RouteTable.Route route(Object[] row) {
        return new RouteTable.Route((String) row[0], (String) row[1], (String) row[2], ((Number) row[3]).intValue(),
            (Boolean) row[4]);
    }
}
