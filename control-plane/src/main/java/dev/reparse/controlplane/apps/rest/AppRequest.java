package dev.reparse.controlplane.apps.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of an app (OpenAPI description of create and update bodies). */
@Schema(name = "AppRequest", description = "Fields to set; absent ones keep their value. appName is required on create.")
record AppRequest(String appName, Boolean clientClassCreationEnabled, Boolean clientPushEnabled,
        Boolean requireRevocableSessions, Boolean revokeSessionOnPasswordChange, Boolean clientKeysRequired) {
}
