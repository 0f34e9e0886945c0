package dev.reparse.controlplane.apps.rest;

import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.provisioning.cloud.CodeBundle;
import java.util.Locale;
import java.util.Set;

/** What a Cloud Code upload is, by its Content-Type: the text of main.js, or a zip of the code folder. */
final class CodeUploads {
    static final Set<String> SCRIPT_TYPES = Set.of("application/javascript", "text/javascript",
        "application/x-javascript", "text/plain");
    /** Browsers on Windows label a .zip {@code application/x-zip-compressed}. */
    static final Set<String> ZIP_TYPES = Set.of("application/zip", "application/x-zip-compressed", "application/x-zip");

    private CodeUploads() {
    }

    static CodeBundle bundle(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        byte[] content = body == null ? new byte[0] : body;
        if (SCRIPT_TYPES.contains(type)) {
            return new CodeBundle(CodeBundle.Format.JAVASCRIPT, content);
        }
        if (ZIP_TYPES.contains(type)) {
            return new CodeBundle(CodeBundle.Format.ZIP, content);
        }
        throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "Send main.js as application/javascript (or "
            + "text/plain) or the code folder as application/zip; got " + (type.isEmpty() ? "no Content-Type" : type)
            + ".");
    }
}
