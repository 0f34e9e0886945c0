package dev.reparse.controlplane.apps.rest;

import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.apps.AppView;
import dev.reparse.controlplane.apps.CloudCodeService;
import dev.reparse.controlplane.apps.CloudCodeView;
import dev.reparse.controlplane.apps.ReleaseView;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The app operations parse.com's Apps API ({@code /1/apps}) and the console's ({@code /api/v1/apps}) share: one
 * implementation, served under both paths by the two resources.
 */
abstract class AppOperations {
    final AppService apps;
    final AppRequests requests;
    final CloudCodeService cloudCode;

    AppOperations(AppService apps, AppRequests requests, CloudCodeService cloudCode) {
        this.apps = apps;
        this.requests = requests;
        this.cloudCode = cloudCode;
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

    @PUT
    @Path("/{applicationId}/cloud")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload the app's Cloud Code",
        description = "The body is main.js (application/javascript, text/javascript or text/plain, UTF-8) or a zip of "
            + "the code folder (application/zip): main.js or cloud/main.js at its root, optionally package.json, "
            + "node_modules and other files. It becomes the app's next version and its current code; the running "
            + "runtime loads it within seconds, without a restart, once status.observedGeneration reaches the "
            + "answer's generation. Refused with 400 (code 129: past reparse.cloud-code.max-upload-size, "
            + "max-unpacked-size or max-files; code 142: not a zip, paths outside the folder, absolute paths, "
            + "symbolic links, no main.js).")
    @RequestBody(required = true, content = {
        @Content(mediaType = "application/javascript", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "the stored version",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CloudCodeView.class)))
    @APIResponse(responseCode = "400", description = "the upload is refused; the error says why")
    public Uni<CloudCodeView> uploadCloudCode(@BeanParam CallerHeaders caller,
            @PathParam("applicationId") String applicationId, @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        return requests.caller(caller).flatMap(account -> Uni.createFrom().item(() -> CodeUploads.bundle(contentType, body))
            .flatMap(bundle -> cloudCode.upload(account, applicationId, bundle)));
    }

    @GET
    @Path("/{applicationId}/cloud")
    @Operation(summary = "The app's current Cloud Code", description = "404 (code 101) while the app has none.")
    @APIResponse(responseCode = "200", description = "the current version",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CloudCodeView.class)))
    public Uni<CloudCodeView> cloudCode(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId) {
        return requests.caller(caller).flatMap(account -> cloudCode.current(account, applicationId));
    }

    @GET
    @Path("/{applicationId}/releases")
    @Operation(summary = "List the app's Cloud Code releases",
        description = "Newest first; the last reparse.cloud-code.keep-releases (20) are kept, and the active one always.")
    @APIResponse(responseCode = "200", description = "the releases", content = @Content(
        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReleaseList.class)))
    public Uni<ReleaseList> releases(@BeanParam CallerHeaders caller,
            @PathParam("applicationId") String applicationId) {
        return requests.caller(caller).flatMap(account -> cloudCode.releases(account, applicationId))
            .map(ReleaseList::new);
    }

    @POST
    @Path("/{applicationId}/releases")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Deploy a new release of the app's Cloud Code",
        description = "The body is what PUT .../cloud takes (main.js or a zip of the code folder); it becomes the "
            + "app's next version and its active release. An optional message (at most 500 characters, no control "
            + "characters; 400 code 142 otherwise) comes in the X-Reparse-Release-Message header or ?message=.")
    @RequestBody(required = true, content = {
        @Content(mediaType = "application/javascript", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "201", description = "the new release", content = @Content(
        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReleaseView.class)))
    @APIResponse(responseCode = "400", description = "the upload or the message is refused; the error says why")
    public Uni<Response> deploy(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-Reparse-Release-Message") String messageHeader, @QueryParam("message") String message,
            byte[] body) {
        return requests.caller(caller).flatMap(account -> Uni.createFrom().item(() -> CodeUploads.bundle(contentType, body))
            .flatMap(bundle -> cloudCode.release(account, applicationId, bundle,
                message != null ? message : messageHeader)))
            .map(release -> Response.status(201).entity(release).build());
    }

    @GET
    @Path("/{applicationId}/releases/{version}")
    @Operation(summary = "One release of the app's Cloud Code, with its files",
        description = "404 (code 101) for a version the app does not have (or no longer keeps).")
    @APIResponse(responseCode = "200", description = "the release", content = @Content(
        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReleaseView.class)))
    public Uni<ReleaseView> release(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @PathParam("version") String version) {
        return requests.caller(caller).flatMap(account -> cloudCode.release(account, applicationId, number(version)));
    }

    @GET
    @Path("/{applicationId}/releases/{version}/files/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Read one file of a release",
        description = "The file's content as text (its first 1 MiB), to read, never to run; 404 (code 101) for a "
            + "release or a path it does not have. The paths are the release's entries.")
    @APIResponse(responseCode = "200", description = "the file",
        content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> releaseFile(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @PathParam("version") String version, @PathParam("path") String path) {
        return requests.caller(caller)
            .flatMap(account -> cloudCode.file(account, applicationId, number(version), path, MAX_VIEWED_FILE))
            .map(bytes -> Response.ok(bytes, MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox").build());
    }

    @POST
    @Path("/{applicationId}/releases/{version}/activate")
    @Operation(summary = "Make a release the app's current Cloud Code (roll back or forward)",
        description = "The app's generation bumps and the runtime loads that version, as after an upload. Activating "
            + "the active release changes nothing. 404 (code 101) for a version the app does not have.")
    @APIResponse(responseCode = "200", description = "the release, now active", content = @Content(
        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReleaseView.class)))
    public Uni<ReleaseView> activate(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @PathParam("version") String version) {
        return requests.caller(caller).flatMap(account -> cloudCode.activate(account, applicationId, number(version)));
    }

    /** The most of a release's file the viewer answers. */
    private static final int MAX_VIEWED_FILE = 1 << 20;

    /** A release number from the path; anything else is no release (404), as an unknown one is. */
    private static long number(String version) {
        try {
            long number = Long.parseLong(version);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ApiException(404, ParseErrorCode.OBJECT_NOT_FOUND, "The app has no release " + version + ".");
    }

    @DELETE
    @Path("/{applicationId}")
    @Operation(summary = "Delete an app", description = "Stops its runtime and removes its route and data.")
    public Uni<Map<String, Object>> delete(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId) {
        return requests.caller(caller).flatMap(account -> apps.delete(account, applicationId)).map(ignored -> Map.of());
    }
}
