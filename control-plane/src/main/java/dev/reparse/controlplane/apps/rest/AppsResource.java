package dev.reparse.controlplane.apps.rest;

import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.apps.CloudCodeService;
import dev.reparse.controlplane.apps.AppView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The console's Apps API: {@code /1/apps}' operations plus key rotation and usage, OpenAPI-described. */
@Path("/api/v1/apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps")
final class AppsResource extends AppOperations {
    AppsResource(AppService apps, AppRequests requests, CloudCodeService cloudCode) {
        super(apps, requests, cloudCode);
    }

    @POST
    @Path("/{applicationId}/keys/master/rotate")
    @Operation(summary = "Rotate the master key",
        description = "A new master key, valid at once; the old one keeps working for reparse.apps.master-key-grace-period.")
    public Uni<AppView> rotateMasterKey(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId) {
        return requests.caller(caller).flatMap(account -> apps.rotateMasterKey(account, applicationId));
    }
}
