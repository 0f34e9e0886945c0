package dev.reparse.runtime.schema;

import dev.reparse.runtime.storage.StorageAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One app's schemas: a cache of what its storage holds, the checks every object write passes, and
 * the {@code /schemas} operations. Safe for concurrent use; one instance per app context.
 */
public final class SchemaController {
    private static final Pattern GENERATED_ID = Pattern.compile("^[a-zA-Z0-9]+$");
    private static final Pattern CUSTOM_ID = Pattern.compile("^.+$");

    private final SchemaOptions options;
    private final SchemaCache cache;
    private final ObjectValidator objects;
    private final SchemaEditor editor;

    public SchemaController(StorageAdapter storage) {
        this(storage, SchemaOptions.defaults());
    }

    public SchemaController(StorageAdapter storage, SchemaOptions options) {
        this.options = options;
        this.cache = new SchemaCache(storage);
        this.objects = new ObjectValidator(cache);
        PermissionsValidator permissions = new PermissionsValidator(
                options.allowCustomObjectId() ? CUSTOM_ID : GENERATED_ID);
        this.editor = new SchemaEditor(cache, permissions);
    }

    /**
     * Stores the classes Parse Server creates at start-up ({@code performInitialization}) unless they
     * are stored already: {@code _User}, {@code _Role} and {@code _Idempotency}. Idempotent, and safe
     * when several replicas start at once. Their unique indexes are the caller's, through
     * {@link StorageAdapter#ensureUniqueness}.
     */
    public void ensureSystemClasses() {
        for (String className : DefaultSchemas.CREATED_AT_STARTUP) {
            cache.ensureStored(className);
        }
    }

    /** Forgets the cached schemas and reads them from storage again, e.g. after another replica changed them. */
    public void reload() {
        cache.reload();
    }

    /**
     * The class's schema with its default fields; Parse's system and internal classes exist even
     * before anything is stored for them.
     */
    public Optional<ClassSchema> get(String className) {
        return cache.storedClass(className).or(() -> implicitClass(className));
    }

    /** The classes {@code GET /schemas} lists: every stored class except Parse's internal (volatile) ones. */
    public List<ClassSchema> all() {
        List<ClassSchema> visible = new ArrayList<>();
        for (ClassSchema schema : cache.stored().values()) {
            if (!SchemaNames.isVolatileClass(schema.className())) {
                visible.add(schema);
            }
        }
        return visible;
    }

    /**
     * The CLP to enforce for the class: its own, with the server-wide protected fields
     * ({@link SchemaOptions#protectedFields()}) added. {@code /schemas} shows the class's own only.
     */
    public Map<String, Object> permissions(String className) {
        Map<String, Object> clp = new LinkedHashMap<>(get(className)
                .map(ClassSchema::classLevelPermissions).orElseGet(DefaultSchemas::defaultPermissions));
        Map<String, List<String>> serverWide = options.protectedFields().get(className);
        if (serverWide != null) {
            clp.put("protectedFields", withServerWide(clp.get("protectedFields"), serverWide));
        }
        return clp;
    }

    /**
     * The ACL a new object of the class gets when created without one: the {@code ACL} entry of the
     * class's CLP (Parse Server 9). Empty when the CLP has none; an empty map means "master key only".
     */
    public Optional<Map<String, Object>> defaultAcl(String className) {
        Object acl = permissions(className).get("ACL");
        if (!(acl instanceof Map<?, ?> entries)) {
            return Optional.empty();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        entries.forEach((entity, access) -> copy.put(String.valueOf(entity), access));
        return Optional.of(copy);
    }

    /**
     * The class's stored schema, storing the default one first if the class has none. Whether the
     * caller may create classes (client class creation, CLP) is the caller's decision. 103 for a bad name.
     */
    public ClassSchema ensureClass(String className) {
        requireValidClassName(className);
        return cache.ensureStored(className);
    }

    /**
     * As {@link #ensureClass}, for the internal classes features keep their state in ({@code _Hooks},
     * {@code _JobStatus}, ...), which clients cannot create: the name is checked against those.
     */
    public ClassSchema ensureInternalClass(String className) {
        if (!SchemaNames.isVolatileClass(className)) {
            requireValidClassName(className);
        }
        return cache.ensureStored(className);
    }

    /**
     * Checks a REST-format object write (values or update operations) against the class's schema,
     * creating the class if needed and adding the fields it introduces when {@code allowAddField}
     * (the caller's addField CLP check); returns the schema the write conforms to. Fails with 103
     * (class name), 105 (field name), 111 (type mismatch, second GeoPoint, malformed value) or 119
     * (new field without {@code allowAddField}).
     */
    public ClassSchema validateObject(String className, Map<String, Object> object, boolean allowAddField) {
        requireValidClassName(className);
        return objects.validate(className, object, allowAddField);
    }

    /**
     * For a create: a copy of the object with the class's declared default values set for the fields it
     * lacks (or deletes). An explicit {@code null} or {@code ""} is kept, as Parse Server keeps it. Call
     * after {@link #validateObject} (which returns the schema) and before {@link #validateRequiredFields}.
     */
    public Map<String, Object> applyDefaults(ClassSchema schema, Map<String, Object> object) {
        return RequiredFields.applyDefaults(schema, object);
    }

    /**
     * Fails with 111 "X is required." when a create lacks a column a system class requires ({@code
     * _Role}'s {@code name} and {@code ACL}, {@code _Product}'s fields) or an update deletes one, then
     * with 142 "X is required" when a create lacks a field declared {@code required} (absent, null,
     * {@code ""} or Delete) or an update sets one to null, {@code ""} or Delete.
     */
    public void validateRequiredFields(String className, Map<String, Object> object, boolean isUpdate) {
        ClassSchema schema = get(className).orElseGet(() -> DefaultSchemas.implicitSchema(className));
        RequiredFields.validate(schema, object, isUpdate);
    }

    /**
     * {@code POST /schemas}: creates a class with fields ({@code {name: {type, targetClass}}}), CLP
     * and indexes, any of which may be {@code null}. Returns the stored schema.
     */
    public ClassSchema createClass(String className, Map<String, Object> fields, Map<String, Object> clp,
            Map<String, Object> indexes) {
        return editor.createClass(className, fields, clp, indexes);
    }

    /**
     * {@code PUT /schemas/X}: adds fields, deletes those given as {@code {"__op":"Delete"}}, replaces the
     * CLP when given, and adds or drops ({@code {"__op":"Delete"}}) indexes. Returns the stored schema.
     */
    public ClassSchema updateClass(String className, Map<String, Object> fields, Map<String, Object> clp,
            Map<String, Object> indexes) {
        return editor.updateClass(className, fields, clp, indexes);
    }

    /** {@code DELETE /schemas/X}: drops the class, only when it holds no objects (255 otherwise). */
    public void deleteClass(String className) {
        requireValidClassName(className);
        editor.deleteClass(className);
    }

    /** The {@code /schemas} answer for one class: {@code {className, fields, classLevelPermissions, indexes?}}. */
    public Map<String, Object> toJson(ClassSchema schema) {
        return SchemaJson.toJson(schema);
    }

    private static Optional<ClassSchema> implicitClass(String className) {
        boolean known = SchemaNames.isSystemClass(className) || SchemaNames.isVolatileClass(className);
        return known ? Optional.of(DefaultSchemas.implicitSchema(className)) : Optional.empty();
    }

    private static void requireValidClassName(String className) {
        SchemaNames.requireValidClassName(className);
    }

    private static Map<String, Object> withServerWide(Object classProtected, Map<String, List<String>> serverWide) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (classProtected instanceof Map<?, ?> map) {
            map.forEach((entity, fields) -> merged.put(String.valueOf(entity), fields));
        }
        serverWide.forEach((entity, fields) -> {
            Set<Object> union = new LinkedHashSet<>();
            if (merged.get(entity) instanceof List<?> own) {
                union.addAll(own);
            }
            union.addAll(fields);
            merged.put(entity, List.copyOf(union));
        });
        return merged;
    }
}
