package dev.reparse.controlplane.apps.rest;

import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.apps.AppView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The app operations parse.com's Apps API ({@code /1/apps}) and the console's ({@code /api/v1/apps}) share: one
 * implementation, served under both paths by the two resources.
 */
abstract class AppOperations {
    final AppService apps;
    final AppRequests requests;

    AppOperations(AppService apps, AppRequests requests) {
        this.apps = apps;
        this.requests = requests;
    }

    @GET
    @Operation(summary = "List the account's apps")
    public Uni<AppList> list(@BeanParam CallerHeaders caller) {
        return requests.caller(caller).flatMap(apps::list).map(AppList::new);
    }

    @POST
    @Operation(summary = "Create an app", description = "201 with the new app, its application ID and keys.")
    public Uni<Response> create(@BeanParam CallerHeaders caller,
            @RequestBody(content = @Content(schema = @Schema(implementation = AppRequest.class))) String body) {
        return requests.caller(caller)
            .flatMap(account -> requests.changesOf(account, body, true).flatMap(changes -> apps.create(account, changes)))
            .map(app -> Response.status(201).entity(app).build());
    }

    @GET
    @Path("/{applicationId}")
    @Operation(summary = "Get one app")
    public Uni<AppView> get(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId) {
        return requests.caller(caller).flatMap(account -> apps.get(account, applicationId));
    }

    @PUT
    @Path("/{applicationId}")
    @Operation(summary = "Change an app's name or settings")
    public Uni<AppView> update(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @RequestBody(content = @Content(schema = @Schema(implementation = AppRequest.class))) String body) {
        return requests.caller(caller).flatMap(account -> requests.changesOf(account, body, false)
            .flatMap(changes -> apps.update(account, applicationId, changes)));
    }

    @DELETE
    @Path("/{applicationId}")
    @Operation(summary = "Delete an app", description = "Stops its runtime and removes its route and data.")
    public Uni<Map<String, Object>> delete(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId) {
        return requests.caller(caller).flatMap(account -> apps.delete(account, applicationId)).map(ignored -> Map.of());
    }
}
