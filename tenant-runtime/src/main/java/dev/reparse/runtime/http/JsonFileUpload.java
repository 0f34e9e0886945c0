package dev.reparse.runtime.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.files.SizeLimitExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JS SDK's file upload: a {@code text/plain} JSON body {@code {base64, _ContentType, fileData:
 * {metadata, tags}, _ApplicationId, ...}} whose keys come after the data. The base64 value is
 * decoded as it is read into a temporary file (never into a string), so the keys can be checked
 * before anything is stored; the caller deletes the file. A body that is not JSON (a raw upload
 * that forgot its {@code X-Parse-Application-Id}) is 403, as in Parse Server.
 */
final class JsonFileUpload implements AutoCloseable {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    final Path data;
    final Map<String, String> fields = new HashMap<>();
    final Map<String, String> metadata = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    boolean hasData;

    private JsonFileUpload(Path data) {
        this.data = data;
    }

    /** Reads the body, spooling at most {@code maxBytes} decoded bytes to a temporary file. */
    static JsonFileUpload read(InputStream body, long maxBytes) throws IOException {
        JsonFileUpload upload = new JsonFileUpload(Files.createTempFile("reparse-upload-", ".bin"));
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ParseException.unauthorized();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                upload.readField(parser, field, value, maxBytes);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a binary body without an application ID header: Parse Server answers 403 too
            upload.close();
            throw ParseException.unauthorized();
        } catch (IOException | RuntimeException e) {
            upload.close();
            throw e;
        }
        return upload;
    }

    private void readField(JsonParser parser, String field, JsonToken value, long maxBytes) throws IOException {
        switch (field) {
            case "base64" -> {
                if (value != JsonToken.VALUE_STRING) {
                    throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Invalid file upload.");
                }
                try (OutputStream out = new LimitedOutputStream(Files.newOutputStream(data), maxBytes)) {
                    parser.readBinaryValue(out);
                }
                hasData = true;
            }
            case "fileData" -> readFileData(parser, value);
            default -> {
                if (value == JsonToken.VALUE_STRING) {
                    fields.put(field, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    private void readFileData(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken inner = parser.nextToken();
            switch (name) {
                case "metadata" -> readStrings(parser, inner, metadata);
                case "tags" -> readStrings(parser, inner, tags);
                default -> parser.skipChildren();
            }
        }
    }

    private static void readStrings(JsonParser parser, JsonToken value, Map<String, String> into) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken entry = parser.nextToken();
            if (entry.isScalarValue() && entry != JsonToken.VALUE_NULL) {
                into.put(key, parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    long size() throws IOException {
        return Files.size(data);
    }

    InputStream open() throws IOException {
        return Files.newInputStream(data);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(data);
        } catch (IOException e) {
            // the temporary directory is cleaned eventually
        }
    }

    /** Fails the decode as soon as it passes the cap. */
    private static final class LimitedOutputStream extends java.io.FilterOutputStream {
        private final long limit;
        private long count;

        LimitedOutputStream(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            check(length);
            out.write(bytes, offset, length);
        }

        private void check(int n) throws SizeLimitExceededException {
            count += n;
            if (count > limit) {
                throw new SizeLimitExceededException(limit);
            }
        }
    }
}
