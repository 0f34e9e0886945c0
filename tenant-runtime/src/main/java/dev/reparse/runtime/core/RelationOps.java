package dev.reparse.runtime.core;

import dev.reparse.protocol.ParsePointers;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.storage.StorageAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code AddRelation}/{@code RemoveRelation} operators of one write, taken out of its data:
 * relations live in join collections, not on the object.
 */
final class RelationOps {
    private record Change(String field, boolean add, String relatedId) {
    }

    private final List<Change> changes;

    private RelationOps(List<Change> changes) {
        this.changes = changes;
    }

    /** Removes relation operators (also inside {@code Batch}) from {@code data} and keeps them. */
    static RelationOps extract(Map<String, Object> data) {
        List<Change> changes = new ArrayList<>();
        data.entrySet().removeIf(entry -> collect(entry.getKey(), entry.getValue(), changes));
        return new RelationOps(changes);
    }

    private static boolean collect(String field, Object value, List<Change> changes) {
        if (!(value instanceof Map<?, ?> op) || !(op.get("__op") instanceof String name)) {
            return false;
        }
        switch (name) {
            case "AddRelation", "RemoveRelation" -> {
                for (Object pointer : ObjectWriter.objectsOf(op)) {
                    if (!ParsePointers.isPointer(pointer)) {
                        throw new ParseException(ParseErrorCode.INVALID_POINTER, "relation objects must be pointers");
                    }
                    changes.add(new Change(field, name.equals("AddRelation"),
                            (String) ((Map<?, ?>) pointer).get("objectId")));
                }
                return true;
            }
            case "Batch" -> {
                if (!(op.get("ops") instanceof List<?> ops)) {
                    throw new ParseException(ParseErrorCode.INVALID_JSON, "Batch needs an ops array");
                }
                for (Object inner : ops) {
                    if (!collect(field, inner, changes)) {
                        throw new ParseException(ParseErrorCode.INVALID_JSON, "Batch may only hold relation operators");
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    void apply(StorageAdapter storage, String ownerClass, String owningId) {
        for (Change change : changes) {
            if (change.add()) {
                storage.addRelation(change.field(), ownerClass, owningId, change.relatedId());
            } else {
                storage.removeRelation(change.field(), ownerClass, owningId, change.relatedId());
            }
        }
    }
}
