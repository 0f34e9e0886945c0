package dev.reparse.runtime.schema;

import java.util.Set;
import java.util.regex.Pattern;

/** Which class and field names Parse accepts, as Parse Server's {@code classNameIsValid} and friends decide. */
public final class SchemaNames {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    private static final Pattern JOIN_CLASS = Pattern.compile("^_Join:[A-Za-z0-9_]+:[A-Za-z0-9_]+");
    /** {@code length} would shadow JavaScript's array length in the SDKs' object attributes. */
    private static final Set<String> INVALID_FIELDS = Set.of("length");
    /**
     * Prototype-polluting keys. {@code __proto__} and {@code _bsontype} already fail the pattern;
     * {@code constructor} matches it, and Parse Server refuses it in request data.
     */
    private static final Set<String> PROHIBITED_FIELDS = Set.of("constructor");
    /**
     * The longest class or field name. Parse Server has no bound and MongoDB refuses namespaces
     * ({@code db.collection}) over 255 bytes; a relation's {@code _Join:<field>:<Class>} collection
     * holds two names, so both stay well under it.
     */
    public static final int MAX_NAME_LENGTH = 100;

    private SchemaNames() {
    }

    /**
     * Whether clients (REST writes and {@code /schemas}) may name this class: an alphanumeric name or
     * one of Parse's system classes. {@code _Join:} collections are storage internals, never writable.
     */
    public static boolean isValidClassName(String className) {
        return className != null
                && (DefaultSchemas.SYSTEM_CLASSES.contains(className) || isValidFieldName(className, className));
    }

    /** 103, in Parse Server's words, unless {@link #isValidClassName} accepts the name. */
    public static void requireValidClassName(String className) {
        if (className != null && className.length() > MAX_NAME_LENGTH) {
            throw SchemaErrors.nameTooLong("classname", className);
        }
        if (!isValidClassName(className)) {
            throw SchemaErrors.invalidClassName(className);
        }
    }

    /** Whether the name is one of the relation join collections ({@code _Join:<field>:<ownerClass>}). */
    public static boolean isJoinClassName(String className) {
        return className != null && JOIN_CLASS.matcher(className).find();
    }

    /** Whether a top-level field of the class may have this name. */
    public static boolean isValidFieldName(String fieldName, String className) {
        if (fieldName == null || fieldName.length() > MAX_NAME_LENGTH || !NAME.matcher(fieldName).matches()) {
            return false;
        }
        // _Hooks stores the class a trigger is for in a field called className.
        if (fieldName.equals("className") && !"_Hooks".equals(className)) {
            return false;
        }
        return !INVALID_FIELDS.contains(fieldName) && !PROHIBITED_FIELDS.contains(fieldName);
    }

    /** Whether a client may define this field through {@code /schemas}: valid, and not a default field of the class. */
    public static boolean isValidFieldNameForClass(String fieldName, String className) {
        return isValidFieldName(fieldName, className) && !DefaultSchemas.isDefaultField(className, fieldName);
    }

    /** Whether the class is one of Parse's system classes ({@code _User}, {@code _Role}, ...). */
    public static boolean isSystemClass(String className) {
        return DefaultSchemas.SYSTEM_CLASSES.contains(className);
    }

    /**
     * Whether the class is internal and left out of {@code /schemas} ({@code _PushStatus},
     * {@code _Hooks}, {@code _GlobalConfig}, ...).
     */
    public static boolean isVolatileClass(String className) {
        return DefaultSchemas.VOLATILE_CLASSES.contains(className);
    }
}
