package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * A Parse aggregate pipeline (REST field names) to Mongo stages over Parse Server's layout, renaming
 * as Parse Server does: {@code $ptr} → {@code $_p_ptr}, {@code createdAt} → {@code _created_at},
 * {@code objectId} → {@code _id}; date strings in {@code $match} on Date fields become dates.
 * Stages that write or run JavaScript are refused.
 */
final class AggregateTranslator {
    private static final Set<String> STAGES = Set.of("$group", "$match", "$project", "$sort", "$limit", "$skip",
            "$count", "$unwind", "$sample", "$addFields", "$set", "$unset", "$bucket", "$bucketAuto", "$facet",
            "$sortByCount", "$replaceRoot", "$replaceWith", "$geoNear", "$redact", "$lookup");
    private static final Set<String> FORBIDDEN_OPERATORS = Set.of("$where", "$function", "$accumulator");
    /** Stages that write, or read beyond what a $lookup's own-collection check covers, wherever they are nested. */
    private static final Set<String> FORBIDDEN_NESTED_STAGES = Set.of("$out", "$merge", "$unionWith", "$graphLookup",
            "$documents", "$currentOp", "$listSessions", "$collStats", "$indexStats", "$planCacheStats");

    /**
     * @param stages the Mongo pipeline
     * @param groupsByPointer whether a {@code $group} {@code _id} is a pointer column, whose {@code Class$id} results are cut to the id
     */
    record Translated(List<Document> stages, boolean groupsByPointer) {
    }

    private final ClassSchema schema;
    private final Predicate<String> ownCollection;

    /** @param ownCollection whether a {@code $lookup} may read the named collection: one of the app's own classes */
    AggregateTranslator(ClassSchema schema, Predicate<String> ownCollection) {
        this.schema = schema;
        this.ownCollection = ownCollection;
    }

    Translated translate(List<Map<String, Object>> pipeline) {
        List<Document> stages = new ArrayList<>();
        boolean groupsByPointer = false;
        for (Map<String, Object> stage : pipeline) {
            if (stage.size() != 1) {
                throw ParseException.invalidQuery("Pipeline stages should only have one key but found "
                        + String.join(", ", stage.keySet()) + ".");
            }
            String name = stage.keySet().iterator().next();
            Object argument = stage.get(name);
            rejectForbidden(stage);
            Object translated = translateStage(name, argument);
            if (name.equals("$group") && translated instanceof Document group
                    && group.get("_id") instanceof String id && id.startsWith("$" + FieldNames.POINTER_PREFIX)) {
                groupsByPointer = true;
            }
            stages.add(new Document(name, translated));
        }
        return new Translated(stages, groupsByPointer);
    }

    private Object translateStage(String name, Object argument) {
        if (!STAGES.contains(name)) {
            throw ParseException.invalidQuery("Invalid aggregate stage '" + name + "'.");
        }
        if (name.equals("$group") && argument instanceof Map<?, ?> group) {
            if (group.containsKey("objectId")) {
                throw ParseException.invalidQuery("Cannot use 'objectId' in aggregation stage $group.");
            }
            if (!group.containsKey("_id")) {
                throw ParseException.invalidQuery("Invalid parameter for query: group. Missing key _id");
            }
        }
        return switch (name) {
            case "$group" -> fieldReferences(argument);
            case "$match" -> match(argument);
            case "$project", "$sort" -> renameKeys(argument);
            case "$unwind", "$sortByCount" -> fieldReferences(argument);
            default -> RestToBson.plain(argument);
        };
    }

    /** {@code "$field"} strings anywhere in the value renamed to stored names. */
    private Object fieldReferences(Object value) {
        if (value instanceof String reference && reference.startsWith("$") && !reference.startsWith("$$")) {
            String field = reference.substring(1);
            return switch (field) {
                case "createdAt" -> "$_created_at";
                case "updatedAt" -> "$_updated_at";
                case "objectId" -> "$_id";
                default -> FieldNames.isPointer(schema, field) ? "$" + FieldNames.POINTER_PREFIX + field : reference;
            };
        }
        if (value instanceof Map<?, ?> map) {
            Document out = new Document();
            map.forEach((key, nested) -> out.put(String.valueOf(key), fieldReferences(nested)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::fieldReferences).toList();
        }
        return value;
    }

    private Object match(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(this::match).toList();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Document out = new Document();
        map.forEach((key, nested) -> {
            String field = String.valueOf(key);
            FieldType type = FieldNames.fieldType(schema, field).orElse(null);
            if (type != null && type.isPointer()) {
                out.put(FieldNames.POINTER_PREFIX + field, nested instanceof Map<?, ?>
                        ? RestToBson.plain(nested) : type.targetClass() + "$" + nested);
            } else if (type != null && type.type().equals("Date")) {
                out.put(renamed(field), dates(nested));
            } else {
                out.put(renamed(field), match(nested));
            }
        });
        return out;
    }

    private Object renameKeys(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw ParseException.invalidQuery("bad aggregate stage argument: " + value);
        }
        Document out = new Document();
        map.forEach((key, nested) -> {
            String field = String.valueOf(key);
            out.put(FieldNames.isPointer(schema, field) ? FieldNames.POINTER_PREFIX + field : renamed(field),
                    fieldReferences(nested));
        });
        return out;
    }

    private static String renamed(String field) {
        return switch (field) {
            case "objectId" -> "_id";
            case "createdAt" -> "_created_at";
            case "updatedAt" -> "_updated_at";
            default -> field;
        };
    }

    /** ISO strings and {@code {"__type":"Date"}} values, also under operators, as BSON dates. */
    private static Object dates(Object value) {
        if (value instanceof String || (value instanceof Map<?, ?> map && "Date".equals(map.get("__type")))) {
            return RestToBson.dateOrIso(value);
        }
        if (value instanceof Map<?, ?> map) {
            Document out = new Document();
            map.forEach((key, nested) -> out.put(String.valueOf(key), dates(nested)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AggregateTranslator::dates).toList();
        }
        return value;
    }

    /**
     * Refuses JavaScript operators and writing stages at any depth ({@code $facet} and {@code $lookup}
     * sub-pipelines included), and a {@code $lookup} from anything but one of the app's own collections.
     * Parse Server runs {@code $out} and {@code $merge}; they stay refused here.
     */
    private void rejectForbidden(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> {
                String name = String.valueOf(key);
                if (FORBIDDEN_OPERATORS.contains(name)) {
                    throw ParseException.invalidQuery("Invalid aggregate operator: " + key);
                }
                if (FORBIDDEN_NESTED_STAGES.contains(name)) {
                    throw ParseException.invalidQuery("Invalid aggregate stage '" + name + "'.");
                }
                if (name.equals("$lookup")) {
                    checkLookup(nested);
                }
                rejectForbidden(nested);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(this::rejectForbidden);
        }
    }

    private void checkLookup(Object lookup) {
        if (!(lookup instanceof Map<?, ?> map) || !(map.get("from") instanceof String from)) {
            throw ParseException.invalidQuery("$lookup needs a 'from' naming a class of this app.");
        }
        if (!ownCollection.test(from)) {
            throw ParseException.invalidQuery("$lookup can only read this app's classes; '" + from + "' is not one.");
        }
    }
}
