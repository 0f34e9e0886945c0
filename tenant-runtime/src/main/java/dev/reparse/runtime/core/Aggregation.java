package dev.reparse.runtime.core;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an aggregate pipeline the ways Parse clients send it: {@code pipeline} as an array or an
 * object, or its stages as parameters. Which stages and operators may run is the store's rule.
 */
final class Aggregation {
    private static final Set<String> NOT_STAGES = Set.of("pipeline", "distinct", "where", "hint", "explain",
            "readPreference", "comment");

    private Aggregation() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> pipelineOf(Map<String, Object> params) {
        Object raw = params.get("pipeline");
        if (raw instanceof String text) {
            raw = Json.parse(text);
        }
        List<Map<String, Object>> stages = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object stage : list) {
                stages.add(Json.asObject(stage, ParseErrorCode.INVALID_QUERY, "Invalid pipeline stage"));
            }
            return stages;
        }
        Map<String, Object> source = raw instanceof Map<?, ?> map ? (Map<String, Object>) map : params;
        source.forEach((key, value) -> {
            if (!NOT_STAGES.contains(key)) {
                Map<String, Object> stage = new LinkedHashMap<>();
                stage.put(key.startsWith("$") ? key : "$" + key, stageValue(value));
                stages.add(stage);
            }
        });
        return stages;
    }

    private static Object stageValue(Object value) {
        if (value instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
            return Json.parse(text);
        }
        return value;
    }
}
