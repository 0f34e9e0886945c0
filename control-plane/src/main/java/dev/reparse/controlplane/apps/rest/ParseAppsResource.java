package dev.reparse.controlplane.apps.rest;

import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.apps.CloudCodeService;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** parse.com's Apps API ({@code /1/apps}), authenticated by account key or email and password. */
@Path("/1/apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps (parse.com)")
final class ParseAppsResource extends AppOperations {

    ParseAppsResource(AppService apps, AppRequests requests, CloudCodeService cloudCode) {
        super(apps, requests, cloudCode);
    }
}
