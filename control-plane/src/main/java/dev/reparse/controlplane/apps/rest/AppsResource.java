package dev.reparse.controlplane.apps.rest;

import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.apps.AppLogs;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.apps.CloudCodeService;
import dev.reparse.controlplane.apps.AppView;
import dev.reparse.provisioning.RequestLogEntry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The console's Apps API: {@code /1/apps}' operations plus key rotation, logs and usage, OpenAPI-described. */
@Path("/api/v1/apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps")
final class AppsResource extends AppOperations {
    private final AppLogs logs;

    AppsResource(AppService apps, AppRequests requests, CloudCodeService cloudCode, AppLogs logs) {
        super(apps, requests, cloudCode);
        this.logs = logs;
    }

    @GET
    @Path("/{applicationId}/logs")
    @Operation(summary = "The app's request log",
        description = "The newest lines its runtime wrote, newest first: time, method, path (no query), HTTP status, "
            + "and for a refused or failed request Parse's error code and message with the reason the client was not "
            + "told (e.g. \"unauthorized: no client key\"), and the duration in ms. Never keys, session tokens or "
            + "bodies. level=error keeps refused and failed requests (HTTP 400 and up); q keeps lines containing the "
            + "text; n (1 to 1000, default 100) bounds the answer. Cloud Code's own console output is GET /scriptlog "
            + "of the app's API (master key).")
    public Uni<LogLines> logs(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @QueryParam("level") String level, @QueryParam("q") String text, @QueryParam("n") String limit) {
        return requests.caller(caller).flatMap(account -> Uni.createFrom().item(() -> AppLogs.query(level, text, limit))
            .flatMap(query -> logs.read(account, applicationId, query))).map(LogLines::new);
    }

    /** A log answer: {@code {"results": [...]}}, newest first. */
    public record LogLines(List<RequestLogEntry> results) {
    }

    @POST
    @Path("/{applicationId}/keys/master/rotate")
    @Operation(summary = "Rotate the master key",
        description = "A new master key, valid at once; the old one keeps working for reparse.apps.master-key-grace-period.")
    public Uni<AppView> rotateMasterKey(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId) {
        return requests.caller(caller).flatMap(account -> apps.rotateMasterKey(account, applicationId));
    }
}
