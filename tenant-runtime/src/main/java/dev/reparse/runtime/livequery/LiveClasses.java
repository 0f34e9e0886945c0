package dev.reparse.runtime.livequery;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The live classes a standalone runtime's options name: {@code --live-query-classes} and {@code PARSE_SERVER_LIVE_QUERY}. */
public final class LiveClasses {
    private LiveClasses() {
    }

    /** Both lists together; a {@code PARSE_SERVER_LIVE_QUERY} that is not {@code {"classNames": [...]}} stops the start. */
    public static Set<String> of(Optional<List<String>> classes, Optional<String> parseServerOptions) {
        Set<String> live = new LinkedHashSet<>();
        classes.ifPresent(names -> names.stream().map(String::trim).filter(name -> !name.isEmpty()).forEach(live::add));
        parseServerOptions.filter(json -> !json.isBlank()).ifPresent(json -> live.addAll(classNames(json)));
        return Set.copyOf(live);
    }

    /** The {@code redisURL} of {@code PARSE_SERVER_LIVE_QUERY}, if it names one. */
    public static Optional<String> redisUrl(Optional<String> parseServerOptions) {
        return parseServerOptions.filter(json -> !json.isBlank()).map(LiveClasses::options)
                .map(options -> options.get("redisURL")).filter(String.class::isInstance).map(String.class::cast);
    }

    private static List<String> classNames(String json) {
        Object names = options(json).get("classNames");
        if (names == null) {
            return List.of();
        }
        if (!(names instanceof List<?> list) || !list.stream().allMatch(name -> name instanceof String)) {
            throw new IllegalArgumentException("PARSE_SERVER_LIVE_QUERY's classNames must be an array of class names");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static Map<?, ?> options(String json) {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("PARSE_SERVER_LIVE_QUERY is not JSON: " + json);
        }
        if (!(parsed instanceof Map<?, ?> options)) {
            throw new IllegalArgumentException("PARSE_SERVER_LIVE_QUERY must be a JSON object like {\"classNames\": [...]}");
        }
        return options;
    }
}
