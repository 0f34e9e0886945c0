package dev.reparse.runtime.http;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.Triggers;
import dev.reparse.runtime.files.ByteRange;
import dev.reparse.runtime.files.FilesService;
import dev.reparse.runtime.files.StoredFile;
import dev.reparse.runtime.files.UploadPolicy;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The {@code /files} routes: uploads streamed from the request into the files service, downloads
 * streamed from it into the response (with {@code Range}), metadata and delete. Bodies are never
 * buffered whole; the JS SDK's base64 JSON form is decoded to a temporary file.
 */
final class FilesHttp {
    private static final Logger LOG = Logger.getLogger(FilesHttp.class);
    /** A rejected upload's remaining body is read and dropped up to this much, so the client sees the answer. */
    private static final long DRAIN_LIMIT = 4L << 20;

    private final String appId;
    private final String mount;
    private final Authenticator authenticator;
    private Triggers triggers = Triggers.NONE;
    private final FilesService files;
    private final Executor executor;

    FilesHttp(String appId, String mount, Authenticator authenticator, FilesService files, Executor executor) {
        this.appId = appId;
        this.mount = mount;
        this.authenticator = authenticator;
        this.files = files;
        this.executor = executor;
    }

    /** The app's file triggers ({@code Parse.Cloud.beforeSave(Parse.File, ...)} and friends) around uploads and deletes. */
    FilesHttp withTriggers(Triggers appTriggers) {
        this.triggers = appTriggers;
        return this;
    }

    /** Whether this method is served here; others (OPTIONS) go to the generic edge. */
    static boolean serves(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.POST
                || method == HttpMethod.DELETE;
    }

    /**
     * Whether a raw (not normalised) path is under {@code <mount>/files}: a name like {@code %2e%2e}
     * must reach the name rules and not be normalised into another route.
     */
    static boolean owns(String rawPath, String mount) {
        String prefix = mount + "/files";
        return rawPath.equals(prefix) || rawPath.startsWith(prefix + "/");
    }

    /** Handles a request under {@code <mount>/files}; call on the event loop. */
    void handle(HttpServerRequest request) {
        List<String> segments = segments(request.path());
        HttpMethod method = request.method();
        if (method == HttpMethod.POST) {
            RequestBodyStream body = RequestBodyStream.attach(request);
            run(request, () -> upload(request, segments, body), body);
        } else if (method == HttpMethod.DELETE) {
            run(request, () -> delete(request, segments), null);
        } else {
            run(request, () -> download(request, segments), null);
        }
    }

    private interface Action {
        void run() throws IOException, InterruptedException;
    }

    private void run(HttpServerRequest request, Action action, RequestBodyStream body) {
        executor.execute(() -> {
            MDC.put("appId", appId);
            try {
                action.run();
            } catch (ParseException e) {
                finishBody(request, body);
                writeJson(request.response(), e.httpStatus(), e.toBody(), Map.of());
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "files request %s %s failed", request.method(), request.path());
                finishBody(request, body);
                writeJson(request.response(), 500,
                        Map.of("code", ParseErrorCode.INTERNAL_SERVER_ERROR, "error", "Internal server error."), Map.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                request.connection().close();
            }
        });
    }

    /**
     * After a refused upload: reads what is left of a small declared body, so the client sees the
     * answer on a connection that stays usable; otherwise closes the connection after the answer,
     * so the rest of the body is never parsed as a request.
     */
    private static void finishBody(HttpServerRequest request, RequestBodyStream body) {
        if (body == null || request.isEnded()) {
            return;
        }
        long declared = declaredLength(request);
        if (declared >= 0 && declared <= DRAIN_LIMIT) {
            try {
                body.transferTo(java.io.OutputStream.nullOutputStream());
                return;
            } catch (IOException e) {
                // the body broke off; close below
            }
        }
        if (request.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
            return; // ending the response resets the stream; HTTP/2 has no Connection header
        }
        request.response().putHeader("Connection", "close");
        request.response().endHandler(v -> request.connection().close());
    }

    private void upload(HttpServerRequest request, List<String> segments, RequestBodyStream body)
            throws IOException {
        String name = segments.size() == 1 ? decode(segments.get(0), true) : "";
        if (segments.size() > 1) {
            throw new ParseException(ParseErrorCode.INVALID_FILE_NAME, "Filename contains invalid characters.");
        }
        String stored;
        if (request.getHeader("X-Parse-Application-Id") == null) {
            stored = uploadJson(request, name, body);
        } else {
            stored = uploadRaw(request, name, body);
        }
        String url = FileUrls.url(baseUrl(request), appId, stored);
        writeJson(request.response(), 201, Map.of("name", stored, "url", url), Map.of("Location", url));
    }

    private String uploadRaw(HttpServerRequest request, String name, RequestBodyStream body) {
        Auth auth = authenticator.authenticate(HttpRoutes.credentials(request.headers(), Map.of()));
        FilesService.PreparedUpload prepared = files.prepare(uploader(auth), name,
                request.getHeader("Content-Type"), declaredLength(request));
        Map<String, String> metadata = jsonHeader(request, "X-Parse-File-Metadata");
        Map<String, String> tags = jsonHeader(request, "X-Parse-File-Tags");
        Map<String, Object> file = beforeStore(auth, name, prepared, metadata, tags);
        String stored = files.store(prepared, body, metadata, tags);
        afterStore(auth, file, stored, request);
        return stored;
    }

    private String uploadJson(HttpServerRequest request, String name, RequestBodyStream body) throws IOException {
        long max = files.policy().maxUploadBytes();
        long declared = declaredLength(request);
        if (declared > max / 3 * 4 + (1 << 20)) {
            throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR,
                    "File size exceeds maximum allowed: " + max + " bytes.");
        }
        JsonFileUpload json;
        try {
            json = JsonFileUpload.read(body, max);
        } catch (dev.reparse.runtime.files.SizeLimitExceededException e) {
            throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR,
                    "File size exceeds maximum allowed: " + max + " bytes.");
        }
        try (json) {
            Map<String, Object> fields = new LinkedHashMap<>(json.fields);
            Auth auth = authenticator.authenticate(HttpRoutes.credentials(request.headers(), fields));
            if (!json.hasData) {
                files.prepare(uploader(auth), name, null, 0);
            }
            FilesService.PreparedUpload prepared = files.prepare(uploader(auth), name, json.fields.get("_ContentType"),
                    json.size());
            Map<String, Object> file = beforeStore(auth, name, prepared, json.metadata, json.tags);
            String stored;
            try (InputStream data = json.open()) {
                stored = files.store(prepared, data, json.metadata, json.tags);
            }
            afterStore(auth, file, stored, request);
            return stored;
        }
    }

    private void download(HttpServerRequest request, List<String> segments) throws IOException, InterruptedException {
        if (segments.size() < 2 || segments.size() > 3 || (segments.size() == 3 && !segments.get(1).equals("metadata"))) {
            notFound(request.response());
            return;
        }
        if (!appId.equals(decode(segments.get(0), false))) {
            writeJson(request.response(), 403,
                    Map.of("code", ParseErrorCode.OPERATION_FORBIDDEN, "error", "Invalid application ID."), Map.of());
            return;
        }
        String name = decode(segments.get(segments.size() - 1), false);
        if (segments.size() == 3) {
            writeJson(request.response(), 200, files.metadata(name), Map.of());
            return;
        }
        StoredFile file = name == null ? null : files.find(name).orElse(null);
        if (file == null) {
            notFound(request.response());
            return;
        }
        serve(request, file);
    }

    private void serve(HttpServerRequest request, StoredFile file) throws IOException, InterruptedException {
        HttpServerResponse response = request.response();
        String type = FilesService.servedType(file);
        response.putHeader("Accept-Ranges", "bytes");
        response.putHeader("X-Content-Type-Options", "nosniff");
        if (files.isActiveDocument(type)) {
            response.putHeader("Content-Disposition", "attachment");
        }
        ByteRange range;
        switch (ByteRange.parse(request.getHeader("Range"), file.length())) {
            case ByteRange.Unsatisfiable u -> {
                response.setStatusCode(416).putHeader("Content-Range", "bytes */" + file.length()).end();
                return;
            }
            case ByteRange.Partial partial -> {
                range = partial.range();
                response.setStatusCode(206).putHeader("Content-Range",
                        "bytes " + range.start() + "-" + range.end() + "/" + file.length());
            }
            case ByteRange.Whole whole -> {
                range = new ByteRange(0, file.length() - 1);
                response.setStatusCode(200);
            }
        }
        response.putHeader("Content-Type", type);
        response.putHeader("Content-Length", Long.toString(range.length()));
        if (request.method() == HttpMethod.HEAD || range.length() == 0) {
            response.end();
            return;
        }
        try (InputStream in = files.open(file, range)) {
            ResponseBodyWriter.copy(in, response);
        }
    }

    private void delete(HttpServerRequest request, List<String> segments) {
        Auth auth = authenticator.authenticate(HttpRoutes.credentials(request.headers(), Map.of()));
        auth.requireMaster();
        if (auth.readOnly()) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                    "read-only masterKey isn't allowed to perform the delete operation.");
        }
        if (segments.size() != 1) {
            throw new ParseException(ParseErrorCode.INVALID_FILE_NAME, "Filename contains invalid characters.");
        }
        String name = decode(segments.get(0), true);
        Map<String, Object> file = Map.of("name", name, "url", FileUrls.url(baseUrl(request), appId, name));
        if (triggers.has("beforeDelete", "@File")) {
            triggers.beforeDeleteFile(auth, file);
        }
        files.delete(name);
        if (triggers.has("afterDelete", "@File")) {
            triggers.afterDeleteFile(auth, file);
        }
        writeJson(request.response(), 200, Map.of(), Map.of());
    }

    /** The app's beforeSave of files sees the upload before a byte is stored; answers what afterSave will see. */
    private Map<String, Object> beforeStore(Auth auth, String name, FilesService.PreparedUpload prepared,
            Map<String, String> metadata, Map<String, String> tags) {
        Map<String, Object> file = new java.util.LinkedHashMap<>();
        file.put("name", name);
        file.put("contentType", prepared.contentType());
        if (prepared.contentLength() >= 0) {
            file.put("size", prepared.contentLength());
        }
        file.put("metadata", metadata);
        file.put("tags", tags);
        if (triggers.has("beforeSave", "@File")) {
            triggers.beforeSaveFile(auth, file);
        }
        return file;
    }

    private void afterStore(Auth auth, Map<String, Object> file, String stored, HttpServerRequest request) {
        if (triggers.has("afterSave", "@File")) {
            file.put("name", stored);
            file.put("url", FileUrls.url(baseUrl(request), appId, stored));
            triggers.afterSaveFile(auth, file);
        }
    }

    /** Who uploads; anonymous users come with the users feature and count as signed in until then. */
    static UploadPolicy.Uploader uploader(Auth auth) {
        if (auth.master()) {
            if (auth.readOnly()) {
                throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                        "read-only masterKey isn't allowed to perform the create operation.");
            }
            return UploadPolicy.Uploader.MASTER;
        }
        return auth.userId().isPresent() ? UploadPolicy.Uploader.AUTHENTICATED_USER : UploadPolicy.Uploader.PUBLIC;
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> jsonHeader(HttpServerRequest request, String header) {
        String value = request.getHeader(header);
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        Map<String, Object> parsed = Json.asObject(Json.parse(value), ParseErrorCode.INVALID_JSON,
                header + " must be a JSON object");
        Map<String, String> strings = new LinkedHashMap<>();
        parsed.forEach((key, entry) -> {
            if (entry != null) {
                strings.put(key, String.valueOf(entry));
            }
        });
        return strings;
    }

    /** The path's segments after {@code <mount>/files}, still percent-encoded; empty ones kept. */
    private List<String> segments(String rawPath) {
        String prefix = mount + "/files";
        String rest = rawPath.length() > prefix.length() ? rawPath.substring(prefix.length() + 1) : "";
        return List.of(rest.split("/", -1));
    }

    /**
     * Percent-decodes a path segment ({@code +} stays a plus); a malformed one is a 122 for a
     * write and no name at all (a 404) for a read.
     */
    private static String decode(String segment, boolean forWrite) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            if (forWrite) {
                throw new ParseException(ParseErrorCode.INVALID_FILE_NAME, "Filename contains invalid characters.");
            }
            return null;
        }
    }

    private String baseUrl(HttpServerRequest request) {
        return request.scheme() + "://" + request.authority() + mount;
    }

    private static void notFound(HttpServerResponse response) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(404).putHeader("Content-Type", "text/plain").end("File not found.");
    }

    private static void writeJson(HttpServerResponse response, int status, Object body, Map<String, String> headers) {
        HttpRoutes.write(response, new ApiResponse(status, body, headers));
    }
}
