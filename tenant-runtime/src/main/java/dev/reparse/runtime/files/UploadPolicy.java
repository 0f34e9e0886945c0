package dev.reparse.runtime.files;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may upload, what, and how much. By default (Parse Server 9's) only the master key and
 * signed-in, non-anonymous users may upload; files a browser would run as a page (HTML, SVG,
 * XHTML, the XML family) are refused by extension and by declared type, for every caller,
 * because served from the API's own origin they would run with its cookies and storage.
 *
 * @param deniedExtensions lower-case extensions refused; empty turns the type checks off as well
 * @param maxUploadBytes the largest file accepted
 */
public record UploadPolicy(boolean enableForPublic, boolean enableForAnonymousUser,
        boolean enableForAuthenticatedUser, Set<String> deniedExtensions, long maxUploadBytes) {

    /** Extensions browsers render as active documents. */
    public static final List<String> DEFAULT_DENIED_EXTENSIONS = List.of("html", "htm", "shtml", "xhtml", "xht",
            "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt");
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;

    /** Who is uploading. */
    public enum Uploader {
        MASTER, AUTHENTICATED_USER, ANONYMOUS_USER, PUBLIC
    }

    public UploadPolicy {
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("the maximum upload size must be positive, got " + maxUploadBytes);
        }
        deniedExtensions = deniedExtensions.stream()
                .map(extension -> extension.strip().toLowerCase(Locale.ROOT))
                .map(extension -> extension.startsWith(".") ? extension.substring(1) : extension)
                .filter(extension -> !extension.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Parse Server 9's defaults with Reparse's denylist and a 1 GB cap. */
    public static UploadPolicy defaults() {
        return new UploadPolicy(false, false, true, Set.copyOf(DEFAULT_DENIED_EXTENSIONS), DEFAULT_MAX_UPLOAD_BYTES);
    }

    /** Throws 130 unless this kind of caller may upload at all. */
    void checkUploader(Uploader uploader) {
        String refusal = switch (uploader) {
            case MASTER -> null;
            case AUTHENTICATED_USER -> enableForAuthenticatedUser ? null : "File upload by authenticated user is disabled.";
            case ANONYMOUS_USER -> enableForAnonymousUser ? null : "File upload by anonymous user is disabled.";
            case PUBLIC -> enableForPublic ? null : "File upload by public is disabled.";
        };
        if (refusal != null) {
            throw saveError(refusal);
        }
    }

    /** Throws 130 when the name's extension or the declared type is on the denylist. */
    void checkType(String name, String contentType) {
        if (deniedExtensions.isEmpty()) {
            return;
        }
        String extension = FileNames.extension(name);
        if (deniedExtensions.contains(extension)) {
            throw saveError("File upload of extension " + extension + " is disabled.");
        }
        if (contentType != null && isActiveDocumentType(contentType)) {
            throw saveError("File upload of type " + ContentTypes.essence(contentType) + " is disabled.");
        }
    }

    /** Throws 130 when a declared length is over the cap. */
    void checkDeclaredLength(long contentLength) {
        if (contentLength > maxUploadBytes) {
            throw tooLarge();
        }
    }

    ParseException tooLarge() {
        return saveError("File size exceeds maximum allowed: " + maxUploadBytes + " bytes.");
    }

    /** Whether browsers treat the type as a document that runs scripts: HTML, SVG and XML kinds. */
    boolean isActiveDocumentType(String contentType) {
        String type = ContentTypes.essence(contentType);
        if (type.contains("html") || type.endsWith("+xml") || type.endsWith("/xml") || type.contains("xsl")
                || type.equals("multipart/related") || type.equals("message/rfc822")) {
            return true;
        }
        return ContentTypes.extensionFor(type).map(deniedExtensions::contains).orElse(false);
    }

    private static ParseException saveError(String message) {
        return new ParseException(ParseErrorCode.FILE_SAVE_ERROR, message);
    }
}
