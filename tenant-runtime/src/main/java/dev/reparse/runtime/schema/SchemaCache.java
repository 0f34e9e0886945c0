package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.storage.StorageAdapter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The stored schemas of one app, held as an immutable snapshot so readers never lock; every change
 * goes to storage first and then replaces the snapshot, one writer at a time.
 */
final class SchemaCache {
    private final StorageAdapter storage;
    // A ReentrantLock rather than synchronized: writers do storage I/O on virtual threads.
    private final ReentrantLock writes = new ReentrantLock();
    private volatile Map<String, ClassSchema> stored;

    SchemaCache(StorageAdapter storage) {
        this.storage = storage;
    }

    StorageAdapter storage() {
        return storage;
    }

    /** The stored classes, normalized, loading them on first use. */
    Map<String, ClassSchema> stored() {
        Map<String, ClassSchema> current = stored;
        return current != null ? current : write(() -> stored != null ? stored : load());
    }

    Optional<ClassSchema> storedClass(String className) {
        return Optional.ofNullable(stored().get(className));
    }

    /** Reads every class from storage again, dropping what this replica remembered. */
    void reload() {
        write(this::load);
    }

    /** Runs a change with the write lock held; nested calls reuse it. */
    <T> T write(Supplier<T> change) {
        writes.lock();
        try {
            return change.get();
        } finally {
            writes.unlock();
        }
    }

    /** Reads one class from storage into the snapshot; empty (and forgotten) when storage has none. */
    Optional<ClassSchema> refresh(String className) {
        return write(() -> {
            Optional<ClassSchema> fresh = storage.getClass(className).map(DefaultSchemas::normalize);
            replace(className, fresh.orElse(null));
            return fresh;
        });
    }

    void forget(String className) {
        write(() -> {
            replace(className, null);
            return null;
        });
    }

    /**
     * The class's stored schema, storing its default schema first when it has none. Another replica
     * may store it at the same moment; storage then refuses ours and we read theirs.
     */
    ClassSchema ensureStored(String className) {
        ClassSchema cached = stored().get(className);
        if (cached != null) {
            return cached;
        }
        return write(() -> storedClass(className)
                .or(() -> refresh(className))
                .orElseGet(() -> createDefault(className)));
    }

    private ClassSchema createDefault(String className) {
        try {
            storage.createClass(DefaultSchemas.implicitSchema(className));
        } catch (ParseException e) {
            if (e.code() != ParseErrorCode.INVALID_CLASS_NAME && e.code() != ParseErrorCode.DUPLICATE_VALUE) {
                throw e;
            }
        }
        return refresh(className).orElseThrow(
                () -> ParseException.invalidJson("schema class name does not revalidate"));
    }

    private Map<String, ClassSchema> load() {
        Map<String, ClassSchema> all = new LinkedHashMap<>();
        for (ClassSchema schema : storage.getAllClasses()) {
            all.put(schema.className(), DefaultSchemas.normalize(schema));
        }
        stored = Collections.unmodifiableMap(all);
        return stored;
    }

    private void replace(String className, ClassSchema schema) {
        Map<String, ClassSchema> next = new LinkedHashMap<>(stored());
        if (schema == null) {
            next.remove(className);
        } else {
            next.put(className, schema);
        }
        stored = Collections.unmodifiableMap(next);
    }
}
