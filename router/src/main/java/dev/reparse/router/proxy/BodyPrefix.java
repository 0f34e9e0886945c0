package dev.reparse.router.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * The first bytes of a request body, read to find the JS SDK's {@code _ApplicationId} field and then replayed
 * upstream ahead of the rest, which still streams.
 *
 * @param bytes what was read; empty when nothing was
 * @param complete whether {@code bytes} is the whole body
 */
record BodyPrefix(Buffer bytes, boolean complete) {
    /** Nothing read: the whole body is still to be streamed. */
    static final BodyPrefix NONE = new BodyPrefix(Buffer.buffer(0), false);
    private static final JsonFactory JSON = new JsonFactory();
    private static final String APPLICATION_ID_FIELD = "_ApplicationId";

    /** Reads until the body ends or {@code limit} bytes are in, then pauses the request again. */
    static Future<BodyPrefix> read(HttpServerRequest request, int limit) {
        Promise<BodyPrefix> promise = Promise.promise();
        Buffer collected = Buffer.buffer();
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(new BodyPrefix(collected, true)));
        request.handler(chunk -> {
            collected.appendBuffer(chunk);
            if (collected.length() >= limit) {
                request.pause();
                promise.tryComplete(new BodyPrefix(collected, false));
            }
        });
        request.resume();
        return promise.future();
    }

    /**
     * The top-level {@code _ApplicationId} string, found by streaming over the bytes: a body cut off at the limit
     * still yields the field when it came before the cut.
     */
    Optional<String> applicationId() {
        if (bytes.length() == 0) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(bytes.getBytes())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (APPLICATION_ID_FIELD.equals(field) && value == JsonToken.VALUE_STRING) {
                    return Optional.of(parser.getText()).filter(id -> !id.isBlank());
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            // not JSON, or cut off before the field: the other lookup sources decide
        }
        return Optional.empty();
    }
}
