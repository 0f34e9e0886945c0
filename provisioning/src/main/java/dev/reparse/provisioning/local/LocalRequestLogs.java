package dev.reparse.provisioning.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.provisioning.LogQuery;
import dev.reparse.provisioning.RequestLogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an app's request log where its local runtime writes it ({@code apps/<appId>/requests.log}, and the rotated
 * {@code requests.log.1} before it), newest line first. A line that is not the runtime's JSON (half written, from
 * another version) is skipped.
 */
final class LocalRequestLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRequestLogs() {
    }

    static List<RequestLogEntry> read(Path file, LogQuery query) {
        List<RequestLogEntry> found = new ArrayList<>();
        for (Path part : List.of(file, file.resolveSibling(file.getFileName() + ".1"))) {
            List<String> lines = lines(part);
            for (int i = lines.size() - 1; i >= 0 && found.size() < query.limit(); i--) {
                RequestLogEntry entry = parse(lines.get(i));
                if (entry != null && query.matches(entry)) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request log " + file, e);
        }
    }

    private static RequestLogEntry parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject() || !node.path("time").isTextual() || !node.path("status").isInt()) {
                return null;
            }
            return new RequestLogEntry(node.path("time").asText(), node.path("level").asText("info"),
                node.path("method").asText(""), node.path("path").asText(""), node.path("status").asInt(),
                node.path("code").isInt() ? node.path("code").asInt() : null,
                node.path("error").isTextual() ? node.path("error").asText() : null, node.path("ms").asLong());
        } catch (IOException e) {
            return null;
        }
    }
}
