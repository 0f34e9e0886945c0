package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * An ACL as Parse Server stores it: {@code _rperm} and {@code _wperm} arrays, which queries use, and
 * the legacy {@code _acl} map, which older Parse versions read, kept in step.
 *
 * @param readers entries with read access ({@code *}, user ids, {@code role:Name})
 * @param writers entries with write access
 */
record AclFields(List<String> readers, List<String> writers) {

    AclFields {
        readers = List.copyOf(readers);
        writers = List.copyOf(writers);
    }

    /** From the REST form {@code {"*": {"read": true}, "u1": {"read": true, "write": true}}}. */
    static AclFields fromRest(Object acl) {
        if (!(acl instanceof Map<?, ?> entries)) {
            throw new ParseException(ParseErrorCode.INVALID_ACL, "Invalid ACL.");
        }
        List<String> readers = new ArrayList<>();
        List<String> writers = new ArrayList<>();
        entries.forEach((entry, permissions) -> {
            if (!(permissions instanceof Map<?, ?> granted)) {
                throw new ParseException(ParseErrorCode.INVALID_ACL, "Invalid ACL.");
            }
            if (Boolean.TRUE.equals(granted.get("read"))) {
                readers.add(String.valueOf(entry));
            }
            if (Boolean.TRUE.equals(granted.get("write"))) {
                writers.add(String.valueOf(entry));
            }
        });
        return new AclFields(readers, writers);
    }

    /** From already-split {@code _rperm}/{@code _wperm} values, either of which may be absent. */
    static AclFields fromPermissions(Object rperm, Object wperm) {
        return new AclFields(strings(rperm), strings(wperm));
    }

    /** Puts {@code _rperm}, {@code _wperm} and {@code _acl} into a stored document or a {@code $set}. */
    void writeTo(Document target) {
        target.put("_rperm", new ArrayList<>(readers));
        target.put("_wperm", new ArrayList<>(writers));
        target.put("_acl", legacyAcl());
    }

    /** {@code {"<entry>": {"w": true, "r": true}}}, writers first as Parse Server builds it. */
    Document legacyAcl() {
        Document acl = new Document();
        writers.forEach(entry -> acl.put(entry, new Document("w", true)));
        readers.forEach(entry -> {
            Document permissions = (Document) acl.computeIfAbsent(entry, key -> new Document());
            permissions.put("r", true);
        });
        return acl;
    }

    /** The REST form rebuilt from the arrays. */
    Map<String, Object> toRest() {
        Map<String, Object> acl = new LinkedHashMap<>();
        readers.forEach(entry -> permissions(acl, entry).put("read", true));
        writers.forEach(entry -> permissions(acl, entry).put("write", true));
        return acl;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> permissions(Map<String, Object> acl, String entry) {
        return (Map<String, Object>) acl.computeIfAbsent(entry, key -> new LinkedHashMap<>());
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(entry -> {
                if (entry != null) {
                    out.add(String.valueOf(entry));
                }
            });
        }
        return out;
    }
}
