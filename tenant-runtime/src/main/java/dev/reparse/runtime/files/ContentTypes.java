package dev.reparse.runtime.files;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Media types from file extensions and back, for the types apps commonly store. */
final class ContentTypes {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"), Map.entry("json", "application/json"),
            Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("heic", "image/heic"), Map.entry("bmp", "image/bmp"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("m4a", "audio/mp4"), Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"),
            Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"), Map.entry("webm", "video/webm"),
            Map.entry("js", "text/javascript"), Map.entry("css", "text/css"), Map.entry("bin", OCTET_STREAM),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("xml", "application/xml"));
    private static final Map<String, String> EXTENSION_BY_TYPE = Map.ofEntries(
            Map.entry("text/plain", "txt"), Map.entry("text/csv", "csv"), Map.entry("application/json", "json"),
            Map.entry("application/pdf", "pdf"), Map.entry("application/zip", "zip"),
            Map.entry("application/gzip", "gz"), Map.entry("image/png", "png"), Map.entry("image/jpeg", "jpeg"),
            Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"), Map.entry("image/heic", "heic"),
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"), Map.entry("audio/wav", "wav"),
            Map.entry("video/mp4", "mp4"), Map.entry("video/quicktime", "mov"), Map.entry("video/webm", "webm"));

    private ContentTypes() {
    }

    /** The type a name's extension suggests, if known. */
    static Optional<String> forName(String name) {
        String extension = FileNames.extension(name);
        if (extension.isEmpty()) {
            return Optional.empty();
        }
        String known = BY_EXTENSION.get(extension);
        return Optional.ofNullable(known != null ? known : URLConnection.getFileNameMap().getContentTypeFor(name));
    }

    /** The usual extension of a media type, if known ({@code image/png; q=1} → {@code png}). */
    static Optional<String> extensionFor(String contentType) {
        return Optional.ofNullable(EXTENSION_BY_TYPE.get(essence(contentType)));
    }

    /** The type without parameters, lower-cased: {@code Text/HTML; charset=utf-8} → {@code text/html}. */
    static String essence(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }
}
