package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed find: its {@code where} and options, from either query-string parameters (strings)
 * or a JSON body (typed values), as Parse's REST API and SDKs send them.
 *
 * @param limit the requested limit, or -1 when none was given
 */
public record FindRequest(Map<String, Object> where, int limit, int skip, List<String> order, Set<String> keys,
        Set<String> excludeKeys, Set<String> include, boolean count, String redirectClassNameForKey) {

    static final int DEFAULT_LIMIT = 100;
    private static final java.util.regex.Pattern ORDER_KEY =
            java.util.regex.Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*$");

    public FindRequest {
        where = where == null ? new LinkedHashMap<>() : where;
        order = order == null ? List.of() : List.copyOf(order);
        include = include == null ? Set.of() : Set.copyOf(include);
        excludeKeys = excludeKeys == null ? Set.of() : Set.copyOf(excludeKeys);
        keys = keys == null ? null : Set.copyOf(keys);
    }

    public static FindRequest where(Map<String, Object> where) {
        return new FindRequest(where, -1, 0, List.of(), null, Set.of(), Set.of(), false, null);
    }

    /** Reads a find from request parameters; unknown parameters are 102, as Parse Server answers. */
    public static FindRequest fromParams(Map<String, Object> params) {
        Map<String, Object> where = new LinkedHashMap<>();
        int limit = -1;
        int skip = 0;
        List<String> order = List.of();
        Set<String> keys = null;
        Set<String> excludeKeys = Set.of();
        Set<String> include = Set.of();
        boolean count = false;
        String redirect = null;
        for (Map.Entry<String, Object> param : params.entrySet()) {
            Object value = param.getValue();
            switch (param.getKey()) {
                case "where" -> where = whereOf(value);
                case "limit" -> limit = intOf("limit", value);
                case "skip" -> skip = intOf("skip", value);
                case "order" -> order = listOf(value);
                case "keys" -> keys = new LinkedHashSet<>(listOf(value));
                case "excludeKeys" -> excludeKeys = new LinkedHashSet<>(listOf(value));
                case "include" -> include = new LinkedHashSet<>(listOf(value));
                case "count" -> count = truthy(value);
                case "redirectClassNameForKey" -> redirect = String.valueOf(value);
                case "readPreference", "includeReadPreference", "subqueryReadPreference", "hint", "explain",
                        "comment", "_method" -> {
                    // accepted for compatibility; MongoDB read preferences and hints are the store's business
                }
                default -> throw ParseException.invalidQuery("Invalid parameter for query: " + param.getKey());
            }
        }
        order.forEach(FindRequest::checkOrderKey);
        if (skip < 0) {
            throw ParseException.invalidQuery("Invalid skip value: " + skip);
        }
        return new FindRequest(where, limit, skip, order, keys, excludeKeys, include, count, redirect);
    }

    /** The limit to apply: the default when none was asked, never more than the app allows. */
    int effectiveLimit(int maxLimit) {
        if (limit < 0) {
            return Math.min(DEFAULT_LIMIT, maxLimit);
        }
        return Math.min(limit, maxLimit);
    }

    FindRequest withWhere(Map<String, Object> newWhere) {
        return new FindRequest(newWhere, limit, skip, order, keys, excludeKeys, include, count, redirectClassNameForKey);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> whereOf(Object value) {
        Object parsed = value;
        if (value instanceof String text) {
            try {
                parsed = dev.reparse.protocol.Json.parse(text);
            } catch (ParseException e) {
                throw new ParseException(ParseErrorCode.INVALID_JSON, "where parameter is not valid JSON");
            }
        }
        if (parsed == null) {
            return new LinkedHashMap<>();
        }
        if (parsed instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ParseException(ParseErrorCode.INVALID_JSON, "where must be a JSON object");
    }

    /**
     * Sort keys are field paths, {@code -} for descending, or {@code $score} for text search. Internal
     * {@code _} fields ({@code _hashed_password}, {@code _id}, ...) are refused for every caller, as Parse
     * Server does: sorting by one is an oracle on its value; only {@code _created_at} and
     * {@code _updated_at}, Parse Server's stored names of the dates, are accepted.
     */
    private static void checkOrderKey(String key) {
        String field = key.startsWith("-") ? key.substring(1) : key;
        if (field.equals("$score")) {
            return;
        }
        String root = field.split("\\.", 2)[0];
        boolean internal = root.startsWith("_") && !root.equals("_created_at") && !root.equals("_updated_at");
        if (internal || !ORDER_KEY.matcher(field).matches()) {
            throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid field name: " + field + ".");
        }
        if (field.matches("^authData\\.[A-Za-z0-9_]+\\.id$")) {
            throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Cannot sort by " + field);
        }
    }

    private static int intOf(String name, Object value) {
        try {
            if (value instanceof Number number) {
                return Math.toIntExact(number.longValue());
            }
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw ParseException.invalidQuery("Invalid " + name + " value: " + value);
        }
    }

    private static List<String> listOf(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item)));
        } else if (value != null) {
            for (String item : String.valueOf(value).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    private static boolean truthy(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            return number.intValue() != 0;
        }
        String text = String.valueOf(value);
        return text.equals("1") || text.equalsIgnoreCase("true");
    }
}
