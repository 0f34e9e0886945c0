package dev.reparse.controlplane.apps.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of an app (OpenAPI description of create and update bodies). */
@Schema(name = "AppRequest", description = "Fields to set; absent ones keep their value. appName is required on create. "
    + "subdomain (a DNS label, unique among live apps) is derived from appName on create unless given, and changes "
    + "only when given: renaming keeps it.")
record AppRequest(String appName, String subdomain, Boolean clientClassCreationEnabled, Boolean clientPushEnabled,
        Boolean requireRevocableSessions, Boolean revokeSessionOnPasswordChange, Boolean clientKeysRequired) {
}
