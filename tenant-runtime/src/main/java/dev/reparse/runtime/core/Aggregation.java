package dev.reparse.runtime.core;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an aggregate pipeline the ways Parse clients send it: {@code pipeline} (array or object) or stages as params. */
final class Aggregation {
    private static final Set<String> STAGES = Set.of("$group", "$match", "$project", "$sort", "$limit", "$skip",
            "$count", "$unwind", "$sample", "$addFields", "$bucket", "$bucketAuto", "$facet", "$geoNear",
            "$lookup", "$redact", "$replaceRoot", "$sortByCount", "$set", "$unset");
    private static final Set<String> FORBIDDEN = Set.of("$where", "$function", "$accumulator", "$out", "$merge",
            "$unionWith", "$lookup", "$graphLookup", "$currentOp", "$collStats", "$indexStats", "$planCacheStats",
            "$listSessions", "$documents");

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
        } else {
            Map<String, Object> source = raw instanceof Map<?, ?> map ? (Map<String, Object>) map : params;
            source.forEach((key, value) -> {
                if (!key.equals("pipeline") && !key.equals("_method") && !key.equals("hint")
                        && !key.equals("explain") && !key.equals("readPreference")) {
                    Map<String, Object> stage = new LinkedHashMap<>();
                    stage.put(key.startsWith("$") ? key : "$" + key, stageValue(value));
                    stages.add(stage);
                }
            });
        }
        stages.forEach(Aggregation::checkStage);
        return stages;
    }

    private static Object stageValue(Object value) {
        if (value instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
            return Json.parse(text);
        }
        return value;
    }

    private static void checkStage(Map<String, Object> stage) {
        if (stage.size() != 1) {
            throw new ParseException(ParseErrorCode.INVALID_QUERY, "Pipeline stages should only have one key");
        }
        String name = stage.keySet().iterator().next();
        if (!STAGES.contains(name) || FORBIDDEN.contains(name)) {
            throw new ParseException(ParseErrorCode.INVALID_QUERY, "Invalid parameter for query: " + name);
        }
        checkOperators(stage.get(name));
    }

    private static void checkOperators(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (FORBIDDEN.contains(key) || InputRules.isForbiddenKey(key)) {
                    throw new ParseException(ParseErrorCode.INVALID_QUERY, key + " is not allowed in a pipeline");
                }
                checkOperators(entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            list.forEach(Aggregation::checkOperators);
        }
    }
}
