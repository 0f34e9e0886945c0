package dev.reparse.runtime.http;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.Triggers;
import dev.reparse.runtime.files.FilesService;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Files saved and deleted by the app's Cloud Code: the SDK sends {@code POST files/<name>} with the JS SDK's
 * base64 body ({@code base64}, {@code _ContentType}, {@code fileData}) and {@code DELETE files/<name>} over the
 * runner's channel; the same upload policy and store as HTTP uploads apply.
 */
final class CodeFiles {
    private final FilesService files;
    private final String appId;
    private final java.util.function.Supplier<Triggers> appTriggers;

    CodeFiles(FilesService files, String appId, java.util.function.Supplier<Triggers> appTriggers) {
        this.files = files;
        this.appId = appId;
        this.appTriggers = appTriggers;
    }

    ApiResponse handle(Auth auth, ApiRequest request) {
        String name = request.path().substring("/files/".length());
        return switch (request.method()) {
            case "POST" -> upload(auth, name, request);
            case "DELETE" -> delete(auth, name);
            default -> ParseApi.notFound(request);
        };
    }

    private ApiResponse upload(Auth auth, String name, ApiRequest request) {
        Map<String, Object> body = request.params();
        if (!(body.get("base64") instanceof String base64)) {
            throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Invalid file upload.");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64.contains(",") ? base64.substring(base64.indexOf(',') + 1) : base64);
        } catch (IllegalArgumentException e) {
            throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Invalid file upload: the data is not base64.");
        }
        String contentType = body.get("_ContentType") instanceof String type ? type : null;
        FilesService.PreparedUpload prepared = files.prepare(FilesHttp.uploader(auth), name, contentType, data.length);
        Triggers triggers = appTriggers.get();
        Map<String, Object> fileData = body.get("fileData") instanceof Map<?, ?> map ? castMap(map) : Map.of();
        Map<String, String> metadata = strings(fileData.get("metadata"));
        Map<String, String> tags = strings(fileData.get("tags"));
        Map<String, Object> file = new LinkedHashMap<>(Map.of("name", name, "contentType", prepared.contentType(),
                "size", data.length, "metadata", metadata, "tags", tags));
        if (triggers.has("beforeSave", "@File")) {
            triggers.beforeSaveFile(auth, file);
        }
        String stored = files.store(prepared, new ByteArrayInputStream(data), metadata, tags);
        String url = FileUrls.url(request.baseUrl(), appId, stored);
        if (triggers.has("afterSave", "@File")) {
            file.put("name", stored);
            file.put("url", url);
            triggers.afterSaveFile(auth, file);
        }
        return new ApiResponse(201, Map.of("name", stored, "url", url), Map.of("Location", url));
    }

    private ApiResponse delete(Auth auth, String name) {
        auth.requireMaster();
        files.delete(name);
        return ApiResponse.ok(Map.of());
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> strings.put(String.valueOf(key), String.valueOf(item)));
        }
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
